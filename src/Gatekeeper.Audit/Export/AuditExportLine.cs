using Gatekeeper.Audit.Chain;
using Gatekeeper.Audit.Checkpoints;

namespace Gatekeeper.Audit.Export;

/// <summary>One line of a JSON Lines export: a header, an entry or a checkpoint.</summary>
internal sealed record AuditExportLine
{
    public required string Type { get; init; }

    public string? Format { get; init; }

    public Dictionary<string, string>? Keys { get; init; }

    public long? FirstSequence { get; init; }

    public string? AnchorPreviousHash { get; init; }

    public long? Sequence { get; init; }

    public AuditRecord? Record { get; init; }

    public string? PreviousHash { get; init; }

    public string? Hash { get; init; }

    public Checkpoint? Checkpoint { get; init; }

    public static AuditExportLine Entry(ChainedEntry e) =>
        new() { Type = "entry", Sequence = e.Sequence, Record = e.Record, PreviousHash = e.PreviousHash, Hash = e.Hash };
}
