namespace Gatekeeper.Audit.Archive;

/// <summary>One archive file as the manifest lists it: its name in the archive folder, SHA-256 and the range it holds.</summary>
public sealed record AuditArchiveFile(
    string File,
    string Sha256,
    long FirstSequence,
    long LastSequence,
    string LastHash,
    long Entries,
    long Checkpoints,
    DateTimeOffset FirstAt,
    DateTimeOffset LastAt,
    DateTimeOffset ArchivedAt);
