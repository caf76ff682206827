using Gatekeeper.Audit.Checkpoints;

namespace Gatekeeper.Data.Audit;

/// <summary>Stored signed checkpoint.</summary>
public sealed class AuditCheckpointRow
{
    public long Sequence { get; init; }

    public required string EntryHash { get; init; }

    public DateTimeOffset At { get; init; }

    public required string KeyId { get; init; }

    public required string Signature { get; init; }

    public static AuditCheckpointRow From(Checkpoint c) =>
        new() { Sequence = c.Sequence, EntryHash = c.EntryHash, At = c.At, KeyId = c.KeyId, Signature = c.Signature };

    public Checkpoint ToCheckpoint() => new(Sequence, EntryHash, At, KeyId, Signature);
}
