namespace Gatekeeper.VisitingEnvironment.Runs;

/// <summary>
/// Resource limits of one run: the host's (<c>Gatekeeper:Runs:Limits</c>) tightened by the permit's disclosure policy
/// (its <c>runs:</c> section). The worker enforces the memory limit in DuckDB and the
/// output limits itself; the sandbox enforces the wall clock (the process is killed), CPU time (RLIMIT_CPU), a hard
/// address-space cap (RLIMIT_AS) and a file-size cap (RLIMIT_FSIZE) whatever the worker does.
/// </summary>
/// <param name="WallClock">Time from start to finish before the run is killed.</param>
/// <param name="MemoryMb">DuckDB's memory limit; a query needing more fails with an out-of-memory message.</param>
/// <param name="CpuSeconds">CPU time (all threads) before the kernel stops the worker.</param>
/// <param name="MaxOutputRows">Rows per result table.</param>
/// <param name="MaxOutputBytes">Bytes of all result files of the run.</param>
/// <param name="Threads">DuckDB threads.</param>
public sealed record RunLimits(TimeSpan WallClock, int MemoryMb, int CpuSeconds, long MaxOutputRows, long MaxOutputBytes, int Threads = 2)
{
    /// <summary>Limits for a permit whose policy sets none: 10 minutes, 2 GB, 20 CPU-minutes, 100,000 rows, 100 MB.</summary>
    public static RunLimits Default { get; } = new(TimeSpan.FromMinutes(10), 2048, 1200, 100_000, 100L * 1024 * 1024);

    /// <summary>
    /// These limits (the host's: ceilings) lowered to the policy's where the policy is stricter; a policy never raises one.
    /// </summary>
    public RunLimits TightenedBy(Disclosure.Policies.RunLimitsPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new RunLimits(
            policy.WallClockSeconds is { } seconds && TimeSpan.FromSeconds(seconds) < WallClock ? TimeSpan.FromSeconds(seconds) : WallClock,
            Math.Min(MemoryMb, policy.MemoryMb ?? int.MaxValue),
            Math.Min(CpuSeconds, policy.CpuSeconds ?? int.MaxValue),
            Math.Min(MaxOutputRows, policy.MaxOutputRows ?? long.MaxValue),
            Math.Min(MaxOutputBytes, policy.MaxOutputBytes ?? long.MaxValue),
            Math.Min(Threads, policy.Threads ?? int.MaxValue));
    }

    /// <summary>Problems with the limits themselves (a setting error, not the researcher's).</summary>
    public IReadOnlyList<string> Check()
    {
        var problems = new List<string>();
        if (WallClock <= TimeSpan.Zero) problems.Add("WallClock must be positive.");
        if (MemoryMb < 64) problems.Add("MemoryMb must be at least 64.");
        if (CpuSeconds < 1) problems.Add("CpuSeconds must be at least 1.");
        if (MaxOutputRows < 1) problems.Add("MaxOutputRows must be at least 1.");
        if (MaxOutputBytes < 1024) problems.Add("MaxOutputBytes must be at least 1024.");
        if (Threads < 1) problems.Add("Threads must be at least 1.");
        return problems;
    }
}
