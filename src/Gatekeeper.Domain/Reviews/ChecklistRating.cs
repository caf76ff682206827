namespace Gatekeeper.Domain.Reviews;

/// <summary>A reviewer's judgement on one point of the ELSI checklist.</summary>
public enum ChecklistRating
{
    NotRated,
    Satisfied,
    Concerns,
    NotSatisfied,
    NotApplicable,
}
