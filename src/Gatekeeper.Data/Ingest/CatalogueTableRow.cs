namespace Gatekeeper.Data.Ingest;

/// <summary>
/// The published version of one analysis table (table <c>catalogue_tables</c>), copied from its <c>catalogue.json</c>
/// after each import so the portal's catalogue shows what researchers would query: rows, variables, when.
/// </summary>
public sealed class CatalogueTableRow
{
    public required string DatasetId { get; set; }

    public required string Table { get; set; }

    public required string Version { get; set; }

    public long RowCount { get; set; }

    public int VariableCount { get; set; }

    /// <summary>Imported files whose rows the version holds.</summary>
    public int FileCount { get; set; }

    public string? CoarseningPolicySha256 { get; set; }

    public DateTimeOffset PublishedAt { get; set; }
}
