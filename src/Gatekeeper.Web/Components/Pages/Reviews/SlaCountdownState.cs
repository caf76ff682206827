using Gatekeeper.Web.Components.Shared;

namespace Gatekeeper.Web.Components.Pages.Reviews;

/// <summary>
/// The SLA countdown of a review against its decision deadline (EHDS: 3 months from submission,
/// extendable once by 3 months). Days are calendar days in the display zone, so "3 days left" means the
/// same to everyone looking at the queue that day.
/// </summary>
public sealed record SlaCountdownState(SlaLevel Level, int Days)
{
    /// <summary>Amber from this many days before the deadline.</summary>
    public const int DueSoonDays = 30;

    public static SlaCountdownState Of(DateTimeOffset? deadline, DateTimeOffset now)
    {
        if (deadline is not { } at) return new SlaCountdownState(SlaLevel.None, 0);
        var days = DateOnly.FromDateTime(DisplayTime.ToLocal(at).DateTime).DayNumber - DateOnly.FromDateTime(DisplayTime.ToLocal(now).DateTime).DayNumber;
        if (now >= at) return new SlaCountdownState(SlaLevel.Overdue, Math.Max(0, -days));
        return new SlaCountdownState(days > DueSoonDays ? SlaLevel.OnTrack : SlaLevel.DueSoon, days);
    }
}
