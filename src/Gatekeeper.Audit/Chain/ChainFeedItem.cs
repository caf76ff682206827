using Gatekeeper.Audit.Checkpoints;

namespace Gatekeeper.Audit.Chain;

/// <summary>One item of a <see cref="ChainFeed"/>: an entry, or a checkpoint with the result of its signature check.</summary>
public readonly record struct ChainFeedItem(ChainedEntry? Entry, Checkpoint? Checkpoint, string? SignatureProblem);
