using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Gatekeeper.Benchmarks.Audit;

/// <summary>Seconds-long operations on 2 shared cores: one invocation per iteration, one warm-up, five measured, in process (a long time-out: the first run builds the 1M-entry stores).</summary>
public class AuditBenchmarkConfig : ManualConfig
{
    public AuditBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(2), logOutput: true))
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
