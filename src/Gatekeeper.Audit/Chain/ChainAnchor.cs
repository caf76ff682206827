namespace Gatekeeper.Audit.Chain;

/// <summary>
/// Where verification starts: the first sequence expected and the hash it must link to. The default
/// is the chain's beginning; after archiving, the last archived entry's sequence + 1 and hash.
/// </summary>
public sealed record ChainAnchor(long FirstSequence, string PreviousHash)
{
    public static ChainAnchor Beginning { get; } = new(1, ChainedEntry.Genesis);
}
