namespace Gatekeeper.VisitingEnvironment.Sandbox;

/// <summary>How runs are isolated on this host.</summary>
public enum SandboxMode
{
    /// <summary>Every run's worker is inside bubblewrap (no network, only the permit's files) with kernel resource limits.</summary>
    Sandboxed,

    /// <summary>
    /// Development only (<see cref="VisitingEnvironmentOptions.AllowUnsandboxedRuns"/>): bubblewrap is unusable, and runs
    /// execute in a plain worker process (DuckDB still locked down, resource limits still set). The portal shows a
    /// warning banner on every page in this mode.
    /// </summary>
    Unsandboxed,

    /// <summary>No working sandbox and unsandboxed runs not allowed: every run is refused (fail closed).</summary>
    Unavailable,
}
