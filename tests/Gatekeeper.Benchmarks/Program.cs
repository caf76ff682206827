using System.Diagnostics;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Gatekeeper.Benchmarks;

// `--prepare-audit-store <entries> <Sqlite|Postgres>` builds (and caches) an audit benchmark store outside BenchmarkDotNet,
// whose in-process set-up time-out (5 minutes) a 10 M-entry store does not fit in.
if (args is ["--prepare-audit-store", var entries, var provider])
{
    await using var store = await Gatekeeper.Benchmarks.Audit.AuditBenchmarkStore.OpenAsync(
        Enum.Parse<Gatekeeper.Data.DatabaseProvider>(provider, ignoreCase: true), int.Parse(entries, System.Globalization.CultureInfo.InvariantCulture), withExport: false);
    return;
}

// `--smoke` times each scenario a few times with a stopwatch (no BenchmarkDotNet); otherwise
// BenchmarkDotNet runs in-process (no generated project to build), e.g. `-- --filter '*'`.
if (args.Contains("--smoke"))
{
    var table = new TableCheckBenchmark();
    table.Setup();
    Time("check 1M cells", 5, () => table.Check_1M_cells_default_policy());
    Time("mitigate 100x50+margins", 3, () => table.Mitigate_100x50_with_margins());
    var micro = new MicrodataBenchmark();
    micro.Setup();
    Time("duckdb group by parquet", 3, () => micro.DuckDB_GroupBy_Parquet());
    Time("duckdb group by memory", 3, () => micro.DuckDB_GroupBy_InMemory());
    Time("gatekeeper k-anon + l-div", 3, () => micro.Gatekeeper_KAnonymity_LDiversity());
    Time("duckdb count only parquet", 3, () => micro.DuckDB_GroupBy_Parquet_CountOnly());
    Time("gatekeeper k-anon only", 3, () => micro.Gatekeeper_KAnonymity_Only());
    var dp = new Gatekeeper.Benchmarks.Privacy.DiscreteGaussianBenchmark();
    dp.Setup();
    Time("discrete gaussian 100k", 5, () => dp.DiscreteGaussian_sigma10());
    Time("dg 100k BigInteger only", 3, () => dp.DiscreteGaussian_sigma10_BigIntegerOnly());
    Time("GetInt32 100k", 3, () => dp.RandomNumberGenerator_GetInt32());
    return;
}

var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsDefault());
BenchmarkSwitcher.FromAssembly(typeof(TableCheckBenchmark).Assembly).Run(args, config);

static void Time(string name, int times, Func<object> action)
{
    var ms = new List<double>();
    object? last = null;
    for (var i = 0; i < times; i++)
    {
        var sw = Stopwatch.StartNew();
        last = action();
        ms.Add(sw.Elapsed.TotalMilliseconds);
    }

    ms.Sort();
    Console.WriteLine($"{name,-28} median {ms[ms.Count / 2],8:0.0} ms  (min {ms[0]:0.0}, result {last})");
}
