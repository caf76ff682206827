using Gatekeeper.Disclosure.Tables;
using Gatekeeper.VisitingEnvironment.Shadow;
using Microsoft.Data.Analysis;

namespace Gatekeeper.VisitingEnvironment.Runs;

/// <summary>
/// One result table in the airlock: the data as a <see cref="DataFrame"/> (what would be released), the files, and —
/// for aggregate statistics — the shadow statistics the disclosure checks read (never shown to the researcher).
/// </summary>
public sealed record RunResultTable
{
    public required string Name { get; init; }

    /// <summary>The statement that produced it, as DuckDB normalised it.</summary>
    public required string Sql { get; init; }

    public required DataFrame Data { get; init; }

    public required long Rows { get; init; }

    public required string ParquetPath { get; init; }

    public required string CsvPath { get; init; }

    public string? ShadowPath { get; init; }

    public ShadowTable? Shadow { get; init; }

    /// <summary>The DP release beside a DP table (<c>dp/&lt;name&gt;.json</c>), never shadow statistics: a DP table carries no true values.</summary>
    public string? DpPath { get; init; }

    public Disclosure.Privacy.Planning.DpResult? Dp { get; init; }

    /// <summary><c>single-pass</c>, <c>two-pass</c> (aggregate statistics) or <c>rows</c> (microdata).</summary>
    public required string Plan { get; init; }

    /// <summary>The disclosure checks' input (<see cref="TableChecker"/>), or null for microdata.</summary>
    public TableOutput? ToTableOutput() => Shadow?.ToTableOutput();
}
