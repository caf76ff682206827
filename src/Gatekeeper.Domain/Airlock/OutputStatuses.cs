namespace Gatekeeper.Domain.Airlock;

/// <summary>
/// Where an output in the airlock is in the exit review. Only <see cref="AwaitingCheck"/> is set by runs; the output
/// checking workflow (issue 7) moves it on (e.g. released, blocked) and may add codes — it is text, not an enum, so new
/// states need no migration.
/// </summary>
public static class OutputStatuses
{
    /// <summary>Written by a run; not visible to the researcher; waiting for automated and human checks.</summary>
    public const string AwaitingCheck = "awaiting-check";
}
