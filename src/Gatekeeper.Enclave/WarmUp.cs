using DuckDB.NET.Data;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Ingest.Storage;
using Gatekeeper.VisitingEnvironment.Worker;

namespace Gatekeeper.Enclave;

/// <summary>
/// What a warm worker does while it waits for its run: one small run of each plan over generated data in its private
/// /tmp, so the runtime has loaded DuckDB and compiled the engine's code before the researcher's query arrives.
/// </summary>
internal static class WarmUp
{
    public static void Run()
    {
        var folder = Path.Combine(Path.GetTempPath(), "gk-warm-up");
        Directory.CreateDirectory(folder);
        try
        {
            var part = Path.Combine(folder, "t.parquet");
            var persons = Path.Combine(folder, "persons.parquet");
            using (var connection = new DuckDBConnection("Data Source=:memory:;threads=1"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText =
                    $"COPY (SELECT 'p' || (range % 7) AS participant_id, range % 3 AS g, range AS v FROM range(50)) TO {DuckDbSql.Literal(part)} (FORMAT PARQUET);" +
                    $"COPY (SELECT 'p' || range AS dataset_pseudonym, 'q' || range AS participant_id, range::INTEGER AS unit FROM range(7)) TO {DuckDbSql.Literal(persons)} (FORMAT PARQUET)";
                command.ExecuteNonQuery();
            }

            string[] queries =
            [
                "SELECT g, count(*) AS n, avg(v) AS m, count(DISTINCT participant_id) AS p FROM t GROUP BY ALL ORDER BY g",
                "WITH pp AS (SELECT participant_id, sum(v) AS s FROM t GROUP BY participant_id) SELECT median(s) AS m, stddev(s) AS sd FROM pp",
            ];
            foreach (var query in queries)
            {
                new EnclaveEngine().Run(new WorkerSpec
                {
                    RunId = "warm-up",
                    PermitId = "warm-up",
                    DatasetId = "warm-up",
                    Tier = OutputTier.AggregateStatistics,
                    Query = query,
                    Tables = [new WorkerTable("t", [part], ["participant_id", "g", "v"], ["participant_id", "g", "v"], true, "v")],
                    PersonsFile = persons,
                    OutputFolder = Path.Combine(folder, "out"),
                    Limits = new WorkerLimits(1, 64, 1000, 1024 * 1024),
                });
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
