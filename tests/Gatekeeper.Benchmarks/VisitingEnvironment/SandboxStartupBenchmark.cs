using BenchmarkDotNet.Attributes;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Enclave;
using Gatekeeper.Ingest.Storage;
using Gatekeeper.VisitingEnvironment.Runs;
using Gatekeeper.VisitingEnvironment.Worker;

namespace Gatekeeper.Benchmarks.VisitingEnvironment;

/// <summary>
/// Sandbox start-to-first-query: a trivial aggregate (<c>SELECT count(*) FROM participants</c>) through the whole run
/// path in a bubblewrap sandbox — with a warm worker (the default: started and warmed up before the run arrives, the
/// next one warming up between iterations, outside the measured time) and with a worker started for the run — the
/// same through a plain worker process (no bubblewrap), and the worker's engine in-process (open DuckDB, permit views
/// over the persons file, lock-down, the query, result files and shadow statistics) as the baseline. The difference
/// is what the separate, sandboxed process costs per run.
/// Run: dotnet run -c Release --project tests/Gatekeeper.Benchmarks -- --filter '*SandboxStartupBenchmark*'
/// </summary>
[Config(typeof(VisitingEnvironmentBenchmarkConfig))]
public class SandboxStartupBenchmark
{
    private const string Query = "SELECT count(*) AS n FROM participants";
    private VisitingEnvironmentBenchData _data = null!;
    private VisitingEnvironmentBenchData _processData = null!;
    private RunExecutor _sandboxed = null!;
    private RunExecutor _cold = null!;
    private VisitingEnvironmentBenchData _coldData = null!;
    private RunExecutor _process = null!;
    private WorkerSpec _inProcess = null!;
    private string _scratch = "";

    [GlobalSetup]
    public void Setup()
    {
        _data = VisitingEnvironmentBenchData.Open();
        _processData = VisitingEnvironmentBenchData.Open();
        _coldData = VisitingEnvironmentBenchData.Open();
        _sandboxed = _data.Executor(sandboxed: true, warmWorkers: 1);
        _cold = _coldData.Executor(sandboxed: true, warmWorkers: 0);
        _process = _processData.Executor(sandboxed: false);
        if (_sandboxed.Sandbox.Mode != Gatekeeper.VisitingEnvironment.Sandbox.SandboxMode.Sandboxed) throw new InvalidOperationException(_sandboxed.Sandbox.Reason);

        // The in-process baseline gets the same inputs the host prepares for a worker.
        _scratch = Path.Combine(_data.RunsFolder, "in-process");
        var persons = new RunPersons(Path.Combine(_data.RunsFolder, ".persons"), _data.Layout, _data.Consent, _data.Keys);
        var tables = VisitingEnvironmentBenchData.Tables.Select(t =>
        {
            var parts = _data.Store.CurrentParts(VisitingEnvironmentBenchData.Dataset, t.Name);
            var version = Path.GetFileName(_data.Store.CurrentVersionFolder(VisitingEnvironmentBenchData.Dataset, t.Name)!);
            return (Table: t, Parts: parts, Version: version);
        }).ToList();
        var file = persons.WriteAsync(VisitingEnvironmentBenchData.Dataset, "P-bench", "scientific-research", DateTimeOffset.UtcNow,
            [.. tables.Select(t => (t.Table.Name, t.Version, t.Parts))], "participant_id", Path.Combine(_scratch, "persons.parquet"), CancellationToken.None).GetAwaiter().GetResult();
        _inProcess = new WorkerSpec
        {
            RunId = "in-process",
            PermitId = "P-bench",
            DatasetId = VisitingEnvironmentBenchData.Dataset,
            Tier = OutputTier.AggregateStatistics,
            Query = Query,
            Tables = [.. tables.Select(t => new WorkerTable(t.Table.Name, t.Parts, t.Table.Variables, t.Table.Variables, true, t.Version))],
            PersonsFile = file.Path,
            OutputFolder = Path.Combine(_scratch, "out"),
            Limits = new WorkerLimits(2, 4096, 100_000, 100L * 1024 * 1024),
        };
    }

    [Benchmark(Baseline = true, Description = "Worker engine in-process (no process, no sandbox)")]
    public long InProcess()
    {
        if (Directory.Exists(_inProcess.OutputFolder)) Directory.Delete(_inProcess.OutputFolder, recursive: true);
        var manifest = new EnclaveEngine().Run(_inProcess);
        if (manifest.Status != WorkerStatus.Succeeded) throw new InvalidOperationException(manifest.Message);
        return manifest.Tables[0].Rows;
    }

    [Benchmark(Description = "Run in a worker process without sandbox")]
    public long WorkerProcess() => _processData.Run(_process, Query).Tables[0].Rows;

    [Benchmark(Description = "Run in the bubblewrap sandbox, worker started for the run")]
    public long SandboxedCold() => _coldData.Run(_cold, Query).Tables[0].Rows;

    /// <summary>The next warm worker warms up between iterations (not measured), as it would between runs.</summary>
    [IterationSetup(Target = nameof(Sandboxed))]
    public void WaitForWarmWorker() => _sandboxed.WarmUpAsync().GetAwaiter().GetResult();

    [Benchmark(Description = "Run in the bubblewrap sandbox, warm worker")]
    public long Sandboxed() => _data.Run(_sandboxed, Query).Tables[0].Rows;

    [GlobalCleanup]
    public void Cleanup()
    {
        _data.PrintPhases("bubblewrap sandbox, warm worker");
        _coldData.PrintPhases("bubblewrap sandbox, worker started for the run");
        _processData.PrintPhases("worker process without sandbox");
        _sandboxed.Dispose();
        _process.Dispose();
        _cold.Dispose();
        _data.Cleanup();
        _coldData.Cleanup();
        _processData.Cleanup();
    }
}
