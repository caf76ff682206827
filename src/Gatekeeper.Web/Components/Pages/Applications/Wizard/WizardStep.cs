namespace Gatekeeper.Web.Components.Pages.Applications.Wizard;

/// <summary>The wizard's steps, in order.</summary>
public enum WizardStep
{
    Overview,
    Purpose,
    Data,
    Output,
    Team,
    Attachments,
    Review,
}
