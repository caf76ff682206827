namespace Gatekeeper.Data.Audit.Verification;

/// <summary>
/// What the console shows about the log's integrity: the last recorded verification (when, by whom, its result),
/// the head of the live chain, the last signed checkpoint and how much is archived.
/// </summary>
public sealed record AuditVerificationStatus
{
    /// <summary>When the last verification ran; null if the log was never verified.</summary>
    public DateTimeOffset? LastVerifiedAt { get; init; }

    public bool? LastResultValid { get; init; }

    public string? LastMessage { get; init; }

    public long? LastBrokenAt { get; init; }

    public string? VerifiedBy { get; init; }

    public long? EntriesChecked { get; init; }

    /// <summary>The chain position of the newest linked entry.</summary>
    public long? HeadSequence { get; init; }

    public DateTimeOffset? HeadAt { get; init; }

    public long? LastCheckpointSequence { get; init; }

    public DateTimeOffset? LastCheckpointAt { get; init; }

    /// <summary>The last archived entry (the live table starts after it); null when nothing is archived.</summary>
    public long? ArchivedUpTo { get; init; }

    public int ArchiveFiles { get; init; }

    /// <summary>Entries recorded (committed) but not yet linked into the chain by the chainer; normally zero or a handful.</summary>
    public int PendingEntries { get; init; }
}
