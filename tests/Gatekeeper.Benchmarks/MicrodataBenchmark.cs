using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Gatekeeper.Disclosure.Microdata;

namespace Gatekeeper.Benchmarks;

/// <summary>
/// Issue 7 target: k-anonymity + l-diversity on 10,000,000 rows × 6 quasi-identifiers in ≤ 5 s and
/// within 1.5× of the equivalent DuckDB GROUP BY on the same Parquet, measured side by side in one run
/// (baseline = DuckDB on the Parquet file; also DuckDB on an in-memory table).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class MicrodataBenchmark
{
    private MicrodataData _data = null!;

    [GlobalSetup]
    public void Setup() => _data = MicrodataData.Instance;

    [Benchmark(Baseline = true)]
    public long DuckDB_GroupBy_Parquet() => _data.Scalar(MicrodataData.GroupBySql($"read_parquet('{_data.ParquetPath}')"));

    [Benchmark]
    public long DuckDB_GroupBy_InMemory() => _data.Scalar(MicrodataData.GroupBySql("microdata"));

    /// <summary>Reference only: DuckDB's grouping without the distinct count l-diversity needs.</summary>
    [Benchmark]
    public long DuckDB_GroupBy_Parquet_CountOnly() => _data.Scalar(MicrodataData.CountOnlySql($"read_parquet('{_data.ParquetPath}')"));

    /// <summary>Reference only: k-anonymity without sensitive attributes.</summary>
    [Benchmark]
    public int Gatekeeper_KAnonymity_Only() => MicrodataAssessor.Assess(_data.Table, _data.KOnlyPolicy).KAnonymity.SmallestClassBeforeSuppression;

    [Benchmark]
    public int Gatekeeper_KAnonymity_LDiversity()
    {
        var result = MicrodataAssessor.Assess(_data.Table, _data.Policy);
        return result.KAnonymity.SmallestClassBeforeSuppression + result.LDiversity[0].MinDistinct;
    }
}
