namespace Gatekeeper.Workflows.Engine;

/// <summary>What the engine needs from outside for one step: the time, the people, and the conflict-of-interest rule for the subject.</summary>
public sealed record WorkflowEnvironment
{
    public required DateTimeOffset Now { get; init; }

    public required IReadOnlyList<WorkflowCandidate> Candidates { get; init; }

    /// <summary>Why a person must not act on this subject (separation of duties), or null when they may.</summary>
    public required Func<Domain.Common.Actor, string?> ConflictOf { get; init; }
}
