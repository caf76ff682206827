using System.Text.Json;
using DuckDB.NET.Data;
using Gatekeeper.Disclosure.Privacy.Bounding;
using Gatekeeper.Disclosure.Privacy.Budget;
using Gatekeeper.Disclosure.Privacy.Floating;
using Gatekeeper.Disclosure.Privacy.Partitions;
using Gatekeeper.Disclosure.Privacy.Planning;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Ingest.Storage;
using Gatekeeper.VisitingEnvironment.Privacy;
using Gatekeeper.VisitingEnvironment.Worker;
using DuckDbSql = Gatekeeper.Ingest.Storage.DuckDbSql;

namespace Gatekeeper.Enclave;

/// <summary>
/// What a warm worker does while it waits for its run: one small run of each plan over generated data in its private
/// /tmp, so the runtime has loaded DuckDB and compiled the engine's code before the researcher's query arrives.
/// </summary>
internal static class WarmUp
{
    /// <summary>Runs the warm-up plans; returns how many ran (each must succeed, or this throws).</summary>
    public static int Run()
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
                    $"COPY (SELECT 'p' || (range % 7) AS participant_id, range % 3 AS g, range AS v, (range % 7)::INTEGER AS {PersonRegistry.Column} FROM range(50)) TO {DuckDbSql.Literal(part)} (FORMAT PARQUET);" +
                    $"COPY (SELECT 'p' || range AS dataset_pseudonym, 'q' || range AS participant_id, range::INTEGER AS unit, range::INTEGER AS person FROM range(7)) TO {DuckDbSql.Literal(persons)} (FORMAT PARQUET)";
                command.ExecuteNonQuery();
            }

            string[] queries =
            [
                "SELECT g, count(*) AS n, avg(v) AS m, count(DISTINCT participant_id) AS p FROM t GROUP BY ALL ORDER BY g",
                "WITH pp AS (SELECT participant_id, sum(v) AS s FROM t GROUP BY participant_id) SELECT median(s) AS m, stddev(s) AS sd FROM pp",
            ];
            WorkerSpec Spec(string query) => new()
            {
                RunId = "warm-up",
                PermitId = "warm-up",
                DatasetId = "warm-up",
                Tier = OutputTier.AggregateStatistics,
                Query = query,
                Tables = [new WorkerTable("t", [part], ["participant_id", "g", "v"], ["participant_id", "g", "v"], true, "v", PersonNumbers: true)],
                PersonsFile = persons,
                OutputFolder = Path.Combine(folder, "out"),
                Limits = new WorkerLimits(1, 64, 1000, 1024 * 1024),
            };
            foreach (var query in queries) Check(new EnclaveEngine().Run(Spec(query)));

            // A DP run too (planning, the staged rewrite, the exact samplers, the release files), with a 1 ms pad.
            var dp = new DpQuerySpec("(SELECT t.__gk_unit AS __gk_person_id, t.g, t.v AS __gk_m_v FROM __gk.t AS t)", "__gk_person_id", ["g"],
                [DpMeasureSpec.Count("n"), DpMeasureSpec.Mean("m", "__gk_m_v", new ClampBounds(0, 100))], new ContributionBounds(10, 2),
                new PublicGroupKeys(PublicKeySet.CrossProduct(["g"], [["0", "1", "2"]])), PrivacyBudget.ApproximateDp(1, 0));
            var dpSpec = Spec("SELECT g, count(*) AS n, avg(v) AS m FROM t GROUP BY g") with { DifferentialPrivacy = WorkerDpRequest.From(DpAggregatePlanner.Plan(dp), paddingMs: 1) };
            Check(new EnclaveEngine().Run(RoundTrip(dpSpec, folder)));
            return queries.Length + 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// The spec written and read back the way <c>Program</c> reads a run's spec, so the serializer's metadata for every
    /// spec type (≈ 30 ms the first time) is built before the run, not during it.
    /// </summary>
    private static WorkerSpec RoundTrip(WorkerSpec spec, string folder)
    {
        var file = Path.Combine(folder, WorkerSpec.FileName);
        File.WriteAllText(file, JsonSerializer.Serialize(spec, WorkerJson.Options));
        using var stream = File.OpenRead(file);
        return JsonSerializer.DeserializeAsync<WorkerSpec>(stream, WorkerJson.Options).AsTask().GetAwaiter().GetResult()
            ?? throw new InvalidOperationException("The warm-up spec did not read back.");
    }

    /// <summary>A warm-up run that did not succeed warmed up less than it should: say so (the worker reports it on stderr).</summary>
    private static void Check(WorkerManifest manifest)
    {
        if (manifest.Status != WorkerStatus.Succeeded)
            throw new InvalidOperationException($"warm-up run {manifest.Status}: {manifest.Message}");
    }
}
