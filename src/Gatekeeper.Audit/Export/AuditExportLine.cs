using Gatekeeper.Audit.Chain;
using Gatekeeper.Audit.Checkpoints;

namespace Gatekeeper.Audit.Export;

/// <summary>One line of a JSON Lines export: a header, a checkpoint or an entry.</summary>
internal sealed record AuditExportLine
{
    public const string HeaderType = "header";
    public const string EntryType = "entry";
    public const string CheckpointType = "checkpoint";

    public required string Type { get; init; }

    public string? Format { get; init; }

    public Dictionary<string, string>? Keys { get; init; }

    public long? FirstSequence { get; init; }

    public string? AnchorPreviousHash { get; init; }

    public Checkpoint? AnchorCheckpoint { get; init; }

    public long? LastSequence { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public string? Description { get; init; }

    public long? Sequence { get; init; }

    public AuditRecord? Record { get; init; }

    public string? PreviousHash { get; init; }

    public string? Hash { get; init; }

    public Checkpoint? Checkpoint { get; init; }

    public static AuditExportLine Entry(ChainedEntry e) =>
        new() { Type = EntryType, Sequence = e.Sequence, Record = e.Record, PreviousHash = e.PreviousHash, Hash = e.Hash };

    public static AuditExportLine Of(Checkpoint c) => new() { Type = CheckpointType, Checkpoint = c };

    public static AuditExportLine Of(AuditExportHeader h) => new()
    {
        Type = HeaderType, Format = AuditExportHeader.Format, Keys = new Dictionary<string, string>(h.PublicKeys, StringComparer.Ordinal),
        FirstSequence = h.Anchor.FirstSequence, AnchorPreviousHash = h.Anchor.PreviousHash, AnchorCheckpoint = h.Anchor.Checkpoint,
        LastSequence = h.LastSequence, CreatedAt = h.CreatedAt, Description = h.Description,
    };
}
