namespace Gatekeeper.Data.Ingest;

/// <summary>One import attempt in the store (table <c>import_history</c>): the data stewards' history and the idempotency check.</summary>
public sealed class ImportHistoryRow
{
    public required string ImportId { get; set; }

    public required string DatasetId { get; set; }

    public required string FileName { get; set; }

    public required string Sha256 { get; set; }

    /// <summary><see cref="Gatekeeper.Ingest.Storage.ImportOutcome"/> name.</summary>
    public required string Outcome { get; set; }

    public string? Table { get; set; }

    public string? Encoding { get; set; }

    public long Rows { get; set; }

    public long RejectedRows { get; set; }

    public long PublishedRows { get; set; }

    public long SupersededRows { get; set; }

    public long ReplacedRows { get; set; }

    public double ErrorRate { get; set; }

    public double MaxErrorRate { get; set; }

    public string? Version { get; set; }

    public string? ReportCsv { get; set; }

    public string? ReportJson { get; set; }

    public string? CoarseningPolicySha256 { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset FinishedAt { get; set; }

    public string? Message { get; set; }

    public string? ImportedBy { get; set; }
}
