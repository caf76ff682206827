using Gatekeeper.Disclosure.Privacy.Planning;
using Gatekeeper.VisitingEnvironment.Results;
using Gatekeeper.VisitingEnvironment.Worker;

namespace Gatekeeper.VisitingEnvironment.Privacy;

/// <summary>
/// Writes a DP release into a run's output folder like any result table — <c>tables/&lt;name&gt;.parquet|csv</c> with
/// the group columns (text) and one noisy value per statistic — and beside it <c>dp/&lt;name&gt;.json</c>: the whole
/// <see cref="DpResult"/> (per-cell 95 % noise interval, cost, mechanisms). Only noisy values are ever written.
/// </summary>
public static class DpReleaseFiles
{
    public const string Folder = "dp";

    public static WorkerTableResult Write(ResultWriter writer, DpResult result, string outputFolder, string name, string sql, string plan)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        var measures = result.Rows.Count > 0 ? result.Rows[0].Cells.Select(c => c.Measure).ToList() : [];
        var columns = result.GroupColumns.Select(c => new WorkerColumn(c, "VARCHAR"))
            .Concat(measures.Select(m => new WorkerColumn(m, "DOUBLE"))).ToList();
        var sink = writer.Begin(columns);
        foreach (var row in result.Rows)
            sink.AppendValues([.. row.Key.Cast<object?>(), .. row.Cells.Select(c => (object?)c.Value)]);
        var parquet = Path.Combine("tables", name + ".parquet");
        var csv = Path.Combine("tables", name + ".csv");
        var rows = sink.Rows;
        writer.Save(sink, Path.Combine(outputFolder, parquet), Path.Combine(outputFolder, csv));
        var dp = Path.Combine(Folder, name + ".json");
        Directory.CreateDirectory(Path.Combine(outputFolder, Folder));
        File.WriteAllText(Path.Combine(outputFolder, dp), result.ToJson());
        return new WorkerTableResult(name, 1, sql, rows, columns, parquet, csv, null, plan) { DpFile = dp };
    }
}
