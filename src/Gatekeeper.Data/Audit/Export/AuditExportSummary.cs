namespace Gatekeeper.Data.Audit.Export;

/// <summary>What an export holds: the range written (and the one asked for), counts, whether each end is signed, and the file's SHA-256.</summary>
public sealed record AuditExportSummary(
    long FirstSequence,
    long LastSequence,
    long RequestedFirstSequence,
    long RequestedLastSequence,
    long Entries,
    long Checkpoints,
    bool StartVouched,
    bool EndVouched,
    string Sha256);
