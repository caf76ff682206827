using System.Text.Json;
using DuckDB.NET.Data;
using Gatekeeper.Disclosure.Policies;
using Gatekeeper.Disclosure.Rules;
using Gatekeeper.Disclosure.Verdicts;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Enclave;
using Gatekeeper.Ingest.Storage;
using Gatekeeper.VisitingEnvironment.Shadow;
using Gatekeeper.VisitingEnvironment.Worker;

namespace Gatekeeper.Cli.Check;

/// <summary>
/// <c>gatekeeper check</c> on local files: the files become the run's tables and the query runs through the visiting
/// environment's own engine (<see cref="EnclaveEngine"/>: the same validation, permit-style views, lock-down and
/// shadow-statistics rewrite), in this process and without a sandbox — the data are the caller's own. The shadow
/// statistics then go through the same disclosure checks as a real output.
/// </summary>
internal sealed class LocalCheck : IDisposable
{
    /// <summary>Row identity used as the counting unit when the data has no unit id: every row is its own unit.</summary>
    private const string RowUnit = "__gk_row";

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("gatekeeper-check-");

    public sealed record Outcome(TableVerdict? Verdict, string? Problem);

    public Outcome Run(IReadOnlyList<CheckInput> inputs, string? unitId, string sql, DisclosurePolicy policy)
    {
        var unitColumn = unitId ?? RowUnit;
        var tables = new List<WorkerTable>();
        var personsFile = Path.Combine(_work.FullName, "persons.parquet");
        var limits = new WorkerLimits(Environment.ProcessorCount, MemoryLimitMb(), MaxOutputRows: 50_000_000, MaxOutputBytes: long.MaxValue);
        using (var duck = EnclaveDatabase.Open(limits))
        {
            foreach (var input in inputs)
            {
                var (table, problem) = Prepare(duck, input, unitId);
                if (problem is not null) return new Outcome(null, problem);
                tables.Add(table!);
            }

            if (unitId is not null && !tables.Any(t => t.HasUnit))
                return new Outcome(null, $"--unit-id: no table has a column named '{unitId}' (columns: {string.Join(", ", tables.SelectMany(t => t.Variables).Distinct())}).");
            WritePersons(duck, tables.Where(t => t.HasUnit).ToList(), unitColumn, personsFile);
        }

        var spec = new WorkerSpec
        {
            RunId = "check", PermitId = "local", DatasetId = "local", Tier = OutputTier.AggregateStatistics, Query = sql,
            UnitColumn = unitColumn, Tables = tables, DatasetTables = [.. tables.Select(t => t.Name)],
            PersonsFile = personsFile, OutputFolder = Path.Combine(_work.FullName, "out"),
            Limits = limits,
        };
        var manifest = new EnclaveEngine().Run(spec);
        if (manifest.Status != WorkerStatus.Succeeded)
        {
            var problems = manifest.Problems.Count > 0 ? string.Join(" ", manifest.Problems.Select(p => p.Message)) : manifest.Message;
            return new Outcome(null, problems ?? "The query could not be run.");
        }

        if (manifest.Tables.Count != 1 || manifest.Tables[0].ShadowFile is not { } shadowFile)
            return new Outcome(null, $"--sql: give exactly one SELECT statement (found {manifest.Tables.Count}).");
        var shadow = JsonSerializer.Deserialize<ShadowTable>(File.ReadAllText(Path.Combine(spec.OutputFolder, shadowFile)), WorkerJson.Options)!
            with { HasUnitId = unitId is not null };
        return new Outcome(TableChecker.Check(shadow.ToTableOutput(), policy), null);
    }

    /// <summary>Copies a file to Parquet as the run's table: the unit id as text (as pseudonyms are), or a row id when there is none.</summary>
    private (WorkerTable? Table, string? Problem) Prepare(EnclaveDatabase duck, CheckInput input, string? unitId)
    {
        var source = input.IsCsv
            ? $"read_csv({DuckDbSql.Literal(input.Path)}, header = true, auto_detect = true)"
            : $"read_parquet({DuckDbSql.Literal(input.Path)})";
        try
        {
            var columns = duck.Describe($"SELECT * FROM {source}").Select(c => c.Name).ToList();
            if (columns.Any(c => c.StartsWith("__gk", StringComparison.OrdinalIgnoreCase)))
                return (null, $"--data {input.Name}: column names starting with '__gk' are reserved.");
            var unit = unitId is null ? null : columns.FirstOrDefault(c => string.Equals(c, unitId, StringComparison.OrdinalIgnoreCase));
            string select;
            if (unitId is null)
            {
                select = $"SELECT *, {DuckDbSql.Literal(input.Name + ":")} || CAST(row_number() OVER () AS VARCHAR) AS {RowUnit} FROM {source}";
            }
            else if (unit is not null)
            {
                var empty = Convert.ToInt64(duck.Scalar($"SELECT count(*) FROM {source} WHERE {DuckDbSql.Identifier(unit)} IS NULL"), System.Globalization.CultureInfo.InvariantCulture);
                if (empty > 0) return (null, $"--data {input.Name}: {empty:N0} row(s) have no value in the unit id column '{unit}'; every row must name its person.");
                select = $"SELECT * REPLACE (CAST({DuckDbSql.Identifier(unit)} AS VARCHAR) AS {DuckDbSql.Identifier(unit)}) FROM {source}";
            }
            else
            {
                select = $"SELECT * FROM {source}";
            }

            var parquet = Path.Combine(_work.FullName, input.Name + ".parquet");
            duck.Execute($"COPY ({select}) TO {DuckDbSql.Literal(parquet)} (FORMAT parquet)");
            var hasUnit = unitId is null || unit is not null;
            // Without a unit id the row id is a column of the table (so the engine traces each row to its unit) that the
            // query cannot see or name.
            IReadOnlyList<string> catalogue = unitId is null ? [.. columns, RowUnit] : columns;
            return (new WorkerTable(input.Name, [parquet], columns, catalogue, hasUnit, "local"), null);
        }
        catch (DuckDBException e)
        {
            return (null, $"--data {input.Name}: cannot read {input.Path}: {e.Message.Split('\n')[0]}");
        }
    }

    /// <summary>The persons file the engine joins to: one row per distinct unit id, numbered.</summary>
    private static void WritePersons(EnclaveDatabase duck, IReadOnlyList<WorkerTable> tables, string unitColumn, string path)
    {
        var ids = tables.Count == 0
            ? "SELECT NULL::VARCHAR AS id WHERE false"
            : string.Join(" UNION ", tables.Select(t =>
                $"SELECT CAST({DuckDbSql.Identifier(unitColumn)} AS VARCHAR) AS id FROM read_parquet({DuckDbSql.Literal(t.Parts[0])})"));
        duck.Execute($"COPY (SELECT id AS dataset_pseudonym, id AS participant_id, CAST(row_number() OVER (ORDER BY id) AS INTEGER) AS unit, NULL::INTEGER AS person FROM (SELECT DISTINCT id FROM ({ids}))) " +
                      $"TO {DuckDbSql.Literal(path)} (FORMAT parquet)");
    }

    /// <summary>Half of the memory this process may use, so DuckDB refuses a runaway query rather than the machine swapping.</summary>
    private static int MemoryLimitMb() =>
        (int)Math.Clamp(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2 / (1024 * 1024), 256, 64 * 1024);

    public void Dispose()
    {
        try
        {
            _work.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless; the check's result stands.
        }
    }
}
