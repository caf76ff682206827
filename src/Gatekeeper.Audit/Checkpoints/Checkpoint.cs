namespace Gatekeeper.Audit.Checkpoints;

/// <summary>A signed statement that the chain had <see cref="EntryHash"/> at <see cref="Sequence"/>.</summary>
public sealed record Checkpoint(long Sequence, string EntryHash, DateTimeOffset At, string KeyId, string Signature);
