using Gatekeeper.Domain.Airlock;
using Gatekeeper.Domain.Runs;

namespace Gatekeeper.Data.Runs;

/// <summary>How an execution ended, as the worker records it (with the airlock records of a succeeded run).</summary>
public sealed record RunCompletion
{
    public required RunState State { get; init; }

    public string? ReasonCode { get; init; }

    public string? Message { get; init; }

    public long? DurationMs { get; init; }

    public string? SandboxMode { get; init; }

    public string? AirlockFolder { get; init; }

    public string? ManifestSha256 { get; init; }

    public string? PolicyVersion { get; init; }

    public IReadOnlyList<RunOutput> Outputs { get; init; } = [];

    /// <summary>The release request the outputs open, with their automated check (succeeded runs).</summary>
    public Outputs.ReleaseOpening? Release { get; init; }
}
