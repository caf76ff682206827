using BenchmarkDotNet.Attributes;
using DuckDB.NET.Data;
using Gatekeeper.Ingest.Importing;
using Gatekeeper.Ingest.Pseudonymisation;
using Gatekeeper.Ingest.Storage;

namespace Gatekeeper.Benchmarks.Ingest;

/// <summary>
/// Import of one activity CSV of ~1 M rows (the synthetic programme, 2,740 participants × 365 days, with its resends
/// and 0.05 % invalid rows) end to end: hash, validate, pseudonymise, stage, supersede, write Parquet, publish —
/// side by side with DuckDB's own read_csv into Parquet of the same file (no validation, no pseudonyms).
/// Each iteration imports into a fresh data folder (idempotency would otherwise skip the second import).
/// Run: dotnet run -c Release --project tests/Gatekeeper.Benchmarks -- --filter '*IngestBenchmark*'
/// </summary>
[Config(typeof(IngestBenchmarkConfig))]
public class IngestBenchmark
{
    private string _root = "";
    private string _csv = "";
    private string _dataFolder = "";
    private CoarseningPolicy _coarsening = CoarseningPolicy.Default;
    private IReadOnlySet<string> _purposes = new HashSet<string>();
    private TimeSpan _cpuAtStart;

    /// <summary>Rows in the file, for rows/s: printed at setup.</summary>
    public long Rows { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _root = Path.Combine(Path.GetTempPath(), "gk-ingest-bench");
        _csv = ActivityFile.Create(_root, participants: 2740, seed: 1);
        Rows = File.ReadLines(_csv).LongCount() - 1;
        Console.WriteLine($"// activity file: {_csv}, {Rows:N0} rows, {new FileInfo(_csv).Length / 1e6:0.0} MB");
        _coarsening = CoarseningPolicyLoader.Load(Path.Combine(RepositoryPaths.Root, "policies", "ingest", "coarsening.yaml"));
        _purposes = new HashSet<string> { "scientific-research" };
    }

    [IterationSetup]
    public void FreshDataFolder()
    {
        _dataFolder = Path.Combine(_root, "data-" + Guid.NewGuid().ToString("N"));
        _cpuAtStart = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
    }

    [IterationCleanup]
    public void RemoveDataFolder()
    {
        // CPU of the whole process (all threads, DuckDB's included) over the iteration: the cost on an idle machine.
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - _cpuAtStart;
        Console.WriteLine($"// cpu: {cpu.TotalSeconds:0.000} s, {cpu.TotalMicroseconds / Rows:0.00} µs/row");
        if (Directory.Exists(_dataFolder)) Directory.Delete(_dataFolder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "Gatekeeper import (validate + pseudonymise + Parquet via DuckDB)")]
    public long Gatekeeper_import()
    {
        var importer = ExchangeImporter.CreateDefault(_dataFolder, _coarsening, _purposes);
        var result = importer.ImportAsync("bench", _csv).GetAwaiter().GetResult();
        if (result.Outcome != ImportOutcome.Committed) throw new InvalidOperationException(result.Record.Message);
        return result.Record.PublishedRows;
    }

    /// <summary>
    /// The same import with an error limit of 0, so the file (0.05 % invalid rows) is refused after hashing, parsing,
    /// validating, pseudonymising, staging and the report: the import's cost before DuckDB publishes anything.
    /// </summary>
    [Benchmark(Description = "Gatekeeper parse + validate + stage only (refused at limit 0, no publish)")]
    public long Gatekeeper_parse_only()
    {
        var importer = ExchangeImporter.CreateDefault(_dataFolder, _coarsening, _purposes);
        var result = importer.ImportAsync("bench", _csv, new IngestOptions { MaxErrorRate = 0 }).GetAwaiter().GetResult();
        if (result.Outcome != ImportOutcome.Refused) throw new InvalidOperationException("Expected the file to be refused at error limit 0.");
        return result.Record.Rows;
    }

    [Benchmark(Description = "DuckDB read_csv -> Parquet (no validation, no pseudonyms)")]
    public long DuckDB_read_csv_to_parquet()
    {
        Directory.CreateDirectory(_dataFolder);
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"COPY (SELECT * FROM read_csv({DuckDbSql.Literal(_csv)}, header = true)) TO {DuckDbSql.Literal(Path.Combine(_dataFolder, "activity.parquet"))} (FORMAT PARQUET)";
        return Convert.ToInt64(command.ExecuteNonQuery());
    }
}
