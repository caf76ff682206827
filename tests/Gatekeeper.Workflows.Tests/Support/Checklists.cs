using Gatekeeper.Domain.Reviews;

namespace Gatekeeper.Workflows.Tests.Support;

/// <summary>ELSI checklists as reviewers fill them in.</summary>
public static class Checklists
{
    public static ElsiChecklist AllSatisfied { get; } = new()
    {
        LegalBasis = new ChecklistItem(ChecklistRating.Satisfied),
        ConsentStatus = new ChecklistItem(ChecklistRating.Satisfied),
        Proportionality = new ChecklistItem(ChecklistRating.Satisfied),
        PublicBenefit = new ChecklistItem(ChecklistRating.Satisfied),
        ReidentificationRisk = new ChecklistItem(ChecklistRating.Satisfied),
        CommercialAspects = new ChecklistItem(ChecklistRating.NotApplicable),
    };

    public static ElsiChecklist WithConcern { get; } = AllSatisfied with
    {
        Proportionality = new ChecklistItem(ChecklistRating.Concerns, "Birth year-month is not needed for the stated aim."),
    };
}
