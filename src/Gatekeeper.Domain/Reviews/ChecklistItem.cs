namespace Gatekeeper.Domain.Reviews;

/// <summary>One point of the ELSI checklist: the rating and, for concerns, what they are.</summary>
public sealed record ChecklistItem(ChecklistRating Rating, string? Note = null);
