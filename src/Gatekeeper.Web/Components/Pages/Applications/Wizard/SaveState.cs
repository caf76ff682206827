namespace Gatekeeper.Web.Components.Pages.Applications.Wizard;

/// <summary>Where the autosaved draft stands, as the indicator shows it.</summary>
public enum SaveState
{
    /// <summary>Nothing typed yet; no draft exists.</summary>
    NotStarted,

    /// <summary>Changes wait for the autosave delay.</summary>
    Pending,

    Saving,

    Saved,

    /// <summary>The last save was refused (e.g. a field too long) or failed; the next change retries.</summary>
    Failed,

    /// <summary>Someone else changed the application: nothing more is saved until the page is reloaded.</summary>
    Stale,
}
