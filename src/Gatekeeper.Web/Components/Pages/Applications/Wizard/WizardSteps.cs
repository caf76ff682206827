namespace Gatekeeper.Web.Components.Pages.Applications.Wizard;

/// <summary>Which step owns which field, so a rule's error can be shown on — and linked to — its step.</summary>
public static class WizardSteps
{
    public static IReadOnlyList<WizardStep> All { get; } = Enum.GetValues<WizardStep>();

    public static WizardStep Of(string field)
    {
        var root = field.Split('[', '.')[0];
        return root switch
        {
            "title" or "laySummary" or "scientificAbstract" => WizardStep.Overview,
            "purposeCategory" or "purposeDescription" or "prohibitedUsesDeclined" => WizardStep.Purpose,
            "datasets" => WizardStep.Data,
            "requestedTier" or "periodStart" or "periodEnd" or "safeguards" or "ethicsApprovalReference" => WizardStep.Output,
            "team" => WizardStep.Team,
            "attachments" or "file" => WizardStep.Attachments,
            _ => WizardStep.Review,
        };
    }

    /// <summary>Lower-case name used in test ids and CSS, e.g. <c>output</c>.</summary>
    public static string Key(WizardStep step) => step.ToString().ToLowerInvariant();
}
