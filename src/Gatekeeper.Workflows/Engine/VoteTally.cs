namespace Gatekeeper.Workflows.Engine;

/// <summary>The latest vote of an instance: slots, votes cast per choice, and whether the quorum is met.</summary>
public sealed record VoteTally(string? State, int Assigned, int Cast, int Pending, int For, int Quorum, IReadOnlyDictionary<string, int> ByChoice)
{
    public static VoteTally None { get; } = new(null, 0, 0, 0, 0, 0, new Dictionary<string, int>());

    public bool QuorumMet => State is not null && For >= Quorum;
}
