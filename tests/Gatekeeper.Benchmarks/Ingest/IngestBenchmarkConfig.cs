using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Gatekeeper.Benchmarks.Ingest;

/// <summary>Seconds-long operations on 2 shared cores: one invocation per iteration, one warm-up, seven measured, in process.</summary>
public class IngestBenchmarkConfig : ManualConfig
{
    public IngestBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(7));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
