namespace Gatekeeper.Ingest.Storage;

/// <summary>
/// <c>catalogue.json</c> beside a table's Parquet parts: what the dataset catalogue and the visiting environment need to
/// know about the table version, written in the same atomic step as the parts.
/// </summary>
public sealed record TableCatalogueEntry
{
    public required string DatasetId { get; init; }

    public required string Table { get; init; }

    public required string Version { get; init; }

    public required long RowCount { get; init; }

    /// <summary>Variables in column order; names match the catalogue (participant_id holds the pseudonym).</summary>
    public required IReadOnlyList<CatalogueVariable> Variables { get; init; }

    /// <summary>Columns kept for the import mechanics, not catalogue variables (update_time decides supersession).</summary>
    public IReadOnlyList<string> SystemColumns { get; init; } = ["update_time"];

    public required IReadOnlyList<string> Parts { get; init; }

    /// <summary>SHA-256 of every file whose rows this version holds.</summary>
    public required IReadOnlyList<string> Imports { get; init; }

    public string? CoarseningPolicySha256 { get; init; }

    /// <summary>
    /// The system column holding the dataset's person number (<see cref="PersonRegistry"/>) in every part, or null for a
    /// table first published before person numbers existed (the visiting environment then joins on the pseudonym).
    /// </summary>
    public string? PersonNumberColumn { get; init; }

    public required DateTimeOffset PublishedAt { get; init; }
}
