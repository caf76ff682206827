using Gatekeeper.Audit.Checkpoints;

namespace Gatekeeper.Audit.Chain;

/// <summary>
/// Where verification starts: the first sequence expected and the hash it must link to. The default
/// is the chain's beginning; after archiving, or for an exported range, the entry before the first one
/// (its sequence + 1 and hash), vouched for by the signed checkpoint at that entry when there is one.
/// </summary>
public sealed record ChainAnchor(long FirstSequence, string PreviousHash)
{
    public static ChainAnchor Beginning { get; } = new(1, ChainedEntry.Genesis);

    /// <summary>The signed checkpoint at <c>FirstSequence - 1</c> that vouches for <see cref="PreviousHash"/>; null when unvouched.</summary>
    public Checkpoint? Checkpoint { get; init; }

    /// <summary>The anchor right after a signed checkpoint.</summary>
    public static ChainAnchor After(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return new ChainAnchor(checkpoint.Sequence + 1, checkpoint.EntryHash) { Checkpoint = checkpoint };
    }

    public bool IsBeginning => FirstSequence == 1 && PreviousHash == ChainedEntry.Genesis;
}
