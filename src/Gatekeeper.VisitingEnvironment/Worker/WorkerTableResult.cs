namespace Gatekeeper.VisitingEnvironment.Worker;

/// <summary>One result table in the output folder (paths relative to it).</summary>
/// <param name="Name">Table name: <c>result</c>, or <c>result_2</c>… for further statements.</param>
/// <param name="Statement">The statement's position in the query (1-based).</param>
/// <param name="Sql">The statement as DuckDB parsed it (normalised text, for the airlock record).</param>
/// <param name="Rows">Rows of the table.</param>
/// <param name="Columns">Its columns.</param>
/// <param name="ParquetFile">Relative path of the Parquet file.</param>
/// <param name="CsvFile">Relative path of the CSV file (UTF-8 with BOM).</param>
/// <param name="ShadowFile">Relative path of the shadow statistics (aggregate tier), never shown to the researcher.</param>
/// <param name="Plan">How it was computed: <c>single-pass</c>, <c>two-pass</c>, <c>rows</c>, <c>dp</c> (noised in the sandbox) or <c>dp-cached</c> (the ledger's earlier answer).</param>
public sealed record WorkerTableResult(
    string Name,
    int Statement,
    string Sql,
    long Rows,
    IReadOnlyList<WorkerColumn> Columns,
    string ParquetFile,
    string CsvFile,
    string? ShadowFile,
    string Plan)
{
    /// <summary>Relative path of the DP release (<c>dp/&lt;name&gt;.json</c>: noisy cells with their 95 % intervals, cost, mechanisms); null for non-DP tables.</summary>
    public string? DpFile { get; init; }
}
