using Gatekeeper.Ingest.Exchange;
using Gatekeeper.Ingest.Pseudonymisation;

namespace Gatekeeper.Ingest.Importing;

/// <summary>Settings of one import.</summary>
public sealed record IngestOptions
{
    public static IngestOptions Default { get; } = new();

    /// <summary>Share of data rows that may be rejected before the whole file is refused (0.01 = 1 %).</summary>
    public double MaxErrorRate { get; init; } = 0.01;

    public InputEncoding Encoding { get; init; } = InputEncoding.Auto;

    public RawFilePolicy RawFiles { get; init; } = RawFilePolicy.Keep;

    /// <summary>Parser threads; null means one per core. Small files use one.</summary>
    public int? MaxParallelism { get; init; }

    /// <summary>DuckDB's memory limit while publishing; beyond it DuckDB spills to the staging folder.</summary>
    public string DuckDbMemoryLimit { get; init; } = "512MB";

    /// <summary>The name shown in reports and history, when the file on disk is a temporary upload.</summary>
    public string? DisplayName { get; init; }

    /// <summary>
    /// The record type the holder says the file is (a table name of the exchange format, or "consent"); when set, a file
    /// whose header is of another type is refused whole (rule <c>header</c>) instead of going into the other table.
    /// </summary>
    public string? ExpectedTable { get; init; }

    /// <summary>Who asks for the import, recorded in the history (<see cref="Storage.ImportRecord.ImportedBy"/>).</summary>
    public string? ImportedBy { get; init; }

    /// <summary>Test hook: fail after this many rows of the first parser thread.</summary>
    internal long FailAfterRows { get; init; } = -1;

    /// <summary>Test hook: fail after the new table version is fully written but before it is published.</summary>
    internal bool FailBeforePublish { get; init; }

    /// <summary>Null when valid, else a message naming the setting.</summary>
    public string? Validate() =>
        MaxErrorRate is < 0 or > 1 || double.IsNaN(MaxErrorRate) ? "MaxErrorRate must be between 0 and 1."
        : MaxParallelism is < 1 ? "MaxParallelism must be at least 1."
        : string.IsNullOrWhiteSpace(DuckDbMemoryLimit) ? "DuckDbMemoryLimit is required."
        : ExpectedTable is not null && ExchangeFormat.All.All(s => s.Table != ExpectedTable)
            ? $"ExpectedTable must be one of {string.Join(", ", ExchangeFormat.All.Select(s => s.Table))}."
        : null;
}
