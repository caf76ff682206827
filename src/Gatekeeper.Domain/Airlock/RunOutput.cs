namespace Gatekeeper.Domain.Airlock;

/// <summary>
/// One result table of a run in the airlock (quarantine): its files under the run's airlock folder (relative names),
/// their SHA-256, the row count and, for aggregate statistics, the shadow statistics file the disclosure checks read.
/// Never visible to the researcher until released by the output checking workflow.
/// </summary>
public sealed class RunOutput
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public required Guid RunId { get; init; }

    public required Guid PermitId { get; init; }

    /// <summary>Table name (<c>result</c>, <c>result_2</c> …).</summary>
    public required string Name { get; init; }

    /// <summary>The statement that produced it, as DuckDB normalised it.</summary>
    public required string Sql { get; init; }

    /// <summary><c>single-pass</c>, <c>two-pass</c> (aggregate statistics) or <c>rows</c> (microdata).</summary>
    public required string Plan { get; init; }

    public required long Rows { get; init; }

    /// <summary>Path relative to the data folder, e.g. <c>airlock/&lt;run&gt;/tables/result.parquet</c>.</summary>
    public required string ParquetFile { get; init; }

    public required string ParquetSha256 { get; init; }

    public required string CsvFile { get; init; }

    public required string CsvSha256 { get; init; }

    /// <summary>The shadow statistics (aggregate tier only), relative to the data folder.</summary>
    public string? ShadowFile { get; init; }

    public string? ShadowSha256 { get; init; }

    /// <summary>Bytes of the Parquet and CSV files.</summary>
    public required long Bytes { get; init; }

    /// <summary>One of <see cref="OutputStatuses"/>.</summary>
    public string Status { get; set; } = OutputStatuses.AwaitingCheck;

    public required DateTimeOffset CreatedAt { get; init; }
}
