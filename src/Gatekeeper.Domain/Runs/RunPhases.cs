namespace Gatekeeper.Domain.Runs;

/// <summary>Phase codes a run reports while it moves through the queue (shown with a progress bar).</summary>
public static class RunPhases
{
    public const string Queued = "queued";
    public const string Checking = "checking";
    public const string Executing = "executing";
    public const string Storing = "storing";
    public const string Done = "done";

    /// <summary>Rough progress (percent) of each phase, for the portal's bar.</summary>
    public static int ProgressOf(string phase) => phase switch
    {
        Queued => 0,
        Checking => 10,
        Executing => 30,
        Storing => 90,
        Done => 100,
        _ => 0,
    };
}
