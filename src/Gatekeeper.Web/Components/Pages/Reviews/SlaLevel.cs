namespace Gatekeeper.Web.Components.Pages.Reviews;

/// <summary>How close a decision deadline is: the colour of the countdown.</summary>
public enum SlaLevel
{
    /// <summary>No deadline (the clock is stopped or the review has ended).</summary>
    None,

    /// <summary>More than 30 days left.</summary>
    OnTrack,

    /// <summary>30 days or fewer left.</summary>
    DueSoon,

    /// <summary>The deadline has passed.</summary>
    Overdue,
}
