using Gatekeeper.Audit.Checkpoints;

namespace Gatekeeper.Audit.Chain;

/// <summary>
/// One item of a <see cref="ChainFeed"/>: an entry, or a checkpoint with the result of its signature check (or, with
/// <see cref="SignaturePending"/>, a checkpoint whose signature the feed checks in its parallel stage).
/// </summary>
public readonly record struct ChainFeedItem(ChainedEntry? Entry, Checkpoint? Checkpoint, string? SignatureProblem)
{
    /// <summary>True while the checkpoint's signature is still to be checked (by the batch's parallel stage).</summary>
    public bool SignaturePending { get; init; }
}
