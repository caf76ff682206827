namespace Gatekeeper.Data.Workflows;

/// <summary>A page of the review queue and the number of rows matching the filters.</summary>
public sealed record ReviewQueuePage(IReadOnlyList<ReviewQueueItem> Items, int Total, int Page, int PageSize);
