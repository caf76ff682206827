using Gatekeeper.Audit.Archive;
using Gatekeeper.Audit.Checkpoints;

namespace Gatekeeper.Data.Audit;

/// <summary>
/// An archived range of the chain: the file it went to (in the archive folder) with its SHA-256, and the signed
/// checkpoint at its last entry, which anchors the live chain's first remaining entry.
/// </summary>
public sealed class AuditArchiveRow
{
    public int Id { get; init; }

    public required string FileName { get; init; }

    public required string FileSha256 { get; init; }

    public long FirstSequence { get; init; }

    public long LastSequence { get; init; }

    public required string LastHash { get; init; }

    public long Entries { get; init; }

    public long Checkpoints { get; init; }

    public DateTimeOffset FirstAt { get; init; }

    public DateTimeOffset LastAt { get; init; }

    public DateTimeOffset ArchivedAt { get; init; }

    /// <summary>The signed checkpoint at <see cref="LastSequence"/>.</summary>
    public DateTimeOffset CheckpointAt { get; init; }

    public required string CheckpointKeyId { get; init; }

    public required string CheckpointSignature { get; init; }

    public Checkpoint ToCheckpoint() => new(LastSequence, LastHash, CheckpointAt, CheckpointKeyId, CheckpointSignature);

    public AuditArchiveFile ToManifestFile() =>
        new(FileName, FileSha256, FirstSequence, LastSequence, LastHash, Entries, Checkpoints, FirstAt, LastAt, ArchivedAt);
}
