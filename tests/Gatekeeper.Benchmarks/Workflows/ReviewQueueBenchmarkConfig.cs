using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Gatekeeper.Benchmarks.Workflows;

/// <summary>Millisecond queries on 2 shared cores: in process, three warm-ups, fifteen measured iterations.</summary>
public class ReviewQueueBenchmarkConfig : ManualConfig
{
    public ReviewQueueBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(15));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
