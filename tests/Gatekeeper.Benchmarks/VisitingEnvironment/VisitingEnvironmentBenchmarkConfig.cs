using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Gatekeeper.Benchmarks.VisitingEnvironment;

/// <summary>Runs of a separate process on 2 shared cores: one invocation per iteration, two warm-ups, nine measured, in process.</summary>
public class VisitingEnvironmentBenchmarkConfig : ManualConfig
{
    public VisitingEnvironmentBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(9));
        AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max);
    }
}
