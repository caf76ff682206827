namespace Gatekeeper.Disclosure.Policies;

/// <summary>
/// The policy's <c>runs:</c> section: resource limits of every run under a permit this policy governs. Each is optional;
/// the host's own limits (<c>Gatekeeper:Runs:Limits</c>) are ceilings, so a policy can tighten a limit but never raise it.
/// </summary>
public sealed record RunLimitsPolicy
{
    public static RunLimitsPolicy None { get; } = new();

    /// <summary>Time from start to finish before a run is killed.</summary>
    public int? WallClockSeconds { get; init; }

    /// <summary>DuckDB's memory limit inside the sandbox.</summary>
    public int? MemoryMb { get; init; }

    /// <summary>CPU time of all threads before the kernel stops the worker.</summary>
    public int? CpuSeconds { get; init; }

    /// <summary>Rows per result table.</summary>
    public long? MaxOutputRows { get; init; }

    /// <summary>Bytes of all result files of a run.</summary>
    public long? MaxOutputBytes { get; init; }

    /// <summary>DuckDB threads.</summary>
    public int? Threads { get; init; }

    public bool IsEmpty => this == None;
}
