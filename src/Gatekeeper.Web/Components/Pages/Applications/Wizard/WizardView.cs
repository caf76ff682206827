namespace Gatekeeper.Web.Components.Pages.Applications.Wizard;

/// <summary>What the wizard page shows.</summary>
public enum WizardView
{
    Loading,
    Failed,
    NotFound,

    /// <summary>The application exists but cannot be edited here (submitted, closed, or not the applicant's).</summary>
    ReadOnly,

    Editing,
}
