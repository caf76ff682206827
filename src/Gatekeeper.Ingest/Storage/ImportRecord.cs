namespace Gatekeeper.Ingest.Storage;

/// <summary>One line of the import history: what was offered, what became of it, and where its report is.</summary>
public sealed record ImportRecord
{
    public required string ImportId { get; init; }

    public required string DatasetId { get; init; }

    /// <summary>The holder's file name (no folders), as shown in the report and the history.</summary>
    public required string FileName { get; init; }

    public required string Sha256 { get; init; }

    public required ImportOutcome Outcome { get; init; }

    /// <summary>Analysis table, or "consent" for consent decisions; null when the header matched no record type.</summary>
    public string? Table { get; init; }

    public string? Encoding { get; init; }

    public long Rows { get; init; }

    public long RejectedRows { get; init; }

    /// <summary>Accepted rows that are in the table after the import.</summary>
    public long PublishedRows { get; init; }

    /// <summary>
    /// Accepted rows not published because the same observation has a row with a later update_time (in this file or
    /// already in the table), or an equal one received first.
    /// </summary>
    public long SupersededRows { get; init; }

    /// <summary>Rows already in the table that this file's later update_time replaced.</summary>
    public long ReplacedRows { get; init; }

    public double ErrorRate { get; init; }

    public double MaxErrorRate { get; init; }

    /// <summary>Table version published (folder name under .versions), when rows were published.</summary>
    public string? Version { get; init; }

    public string? ReportCsv { get; init; }

    public string? ReportJson { get; init; }

    public string? CoarseningPolicySha256 { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }

    public string? Message { get; init; }

    /// <summary>Who asked for the import (a user id, or "system" for the first-run demo import); null from the CLI.</summary>
    public string? ImportedBy { get; init; }
}
