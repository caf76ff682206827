using BenchmarkDotNet.Attributes;
using DuckDB.NET.Data;
using Gatekeeper.Ingest.Storage;
using Gatekeeper.VisitingEnvironment.Runs;

namespace Gatekeeper.Benchmarks.VisitingEnvironment;

/// <summary>
/// Mean daily steps by consortium × month × baseline HbA1c group, side by side: the plain query through DuckDB
/// in-process over the tables' Parquet parts (no sandbox, no consent filter, no pseudonyms, no shadow statistics), and
/// the full run — validation, consent-filtered persons with per-permit pseudonyms, the sandboxed worker, permit views,
/// the query with shadow statistics per cell, result files, DataFrame and shadow statistics read back.
/// Run: GK_VE_DATA=/path/to/data dotnet run -c Release --project tests/Gatekeeper.Benchmarks -- --filter '*ShadowQueryBenchmark*'
/// </summary>
[Config(typeof(VisitingEnvironmentBenchmarkConfig))]
public class ShadowQueryBenchmark
{
    private VisitingEnvironmentBenchData _data = null!;
    private RunExecutor _executor = null!;

    [GlobalSetup]
    public void Setup()
    {
        _data = VisitingEnvironmentBenchData.Open();
        _executor = _data.Executor();
    }

    [Benchmark(Baseline = true, Description = "Plain query, DuckDB in-process")]
    public long Plain()
    {
        using var connection = new DuckDBConnection("Data Source=:memory:;threads=2");
        connection.Open();
        foreach (var table in VisitingEnvironmentBenchData.Tables)
        {
            using var view = connection.CreateCommand();
            view.CommandText = $"CREATE VIEW {table.Name} AS SELECT * FROM read_parquet({DuckDbSql.List(_data.Store.CurrentParts(VisitingEnvironmentBenchData.Dataset, table.Name))})";
            view.ExecuteNonQuery();
        }

        using var command = connection.CreateCommand();
        command.CommandText = VisitingEnvironmentBenchData.StepsQuery;
        using var reader = command.ExecuteReader();
        long rows = 0;
        while (reader.Read()) rows++;
        return rows;
    }

    [IterationSetup(Target = nameof(Sandboxed))]
    public void WaitForWarmWorker() => _executor.WarmUpAsync().GetAwaiter().GetResult();

    [Benchmark(Description = "Sandboxed run with shadow statistics")]
    public long Sandboxed()
    {
        var outcome = _data.Run(_executor, VisitingEnvironmentBenchData.StepsQuery);
        return outcome.Tables[0].Rows;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _data.PrintPhases("sandboxed run with shadow statistics");
        _executor.Dispose();
        _data.Cleanup();
    }
}
