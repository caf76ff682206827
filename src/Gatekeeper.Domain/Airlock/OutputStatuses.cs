namespace Gatekeeper.Domain.Airlock;

/// <summary>
/// Where an output in the airlock is in the exit review. Only <see cref="AwaitingCheck"/> is set by runs; the exit
/// review moves it on (under review, returned, released, blocked, withdrawn) — it is text, not an enum, so new
/// states need no migration.
/// </summary>
public static class OutputStatuses
{
    /// <summary>Written by a run; not visible to the researcher; waiting for automated and human checks.</summary>
    public const string AwaitingCheck = "awaiting-check";

    /// <summary>In a submitted release request, with the output checkers.</summary>
    public const string UnderReview = "under-review";

    /// <summary>Returned to the researcher for changes (still in quarantine).</summary>
    public const string Returned = "returned";

    /// <summary>Left the airlock in a release package.</summary>
    public const string Released = "released";

    /// <summary>Refused by the output checkers (rejected, or not approved by both in a release); stays in quarantine.</summary>
    public const string Blocked = "blocked";

    /// <summary>The researcher withdrew the request; stays in quarantine.</summary>
    public const string Withdrawn = "withdrawn";
}
