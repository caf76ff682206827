using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Gatekeeper.Disclosure.Privacy.Samplers;
using Gatekeeper.Disclosure.Suppression;

namespace Gatekeeper.Benchmarks.Privacy;

/// <summary>
/// Issue 8 target: the exact discrete Gaussian at σ = 10 draws ≥ 1,000,000 samples/s on one core.
/// Each benchmark draws 100,000 values (OperationsPerInvoke), so the reported time is per sample.
/// Side by side: the same algorithm forced onto BigInteger arithmetic (the general path very large
/// parameters take), one <see cref="RandomNumberGenerator.GetInt32(int, int)"/> call per value (what
/// unbatched CSPRNG use costs before any sampling logic), and the discrete Laplace at scale 10.
/// </summary>
[MedianColumn]
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 7)]
public class DiscreteGaussianBenchmark
{
    public const int Samples = 100_000;

    private readonly long[] _buffer = new long[Samples];
    private ExactSampler _sampler = null!;
    private DiscreteGaussian _fast = null!;
    private DiscreteGaussian _bigInteger = null!;
    private DiscreteLaplace _laplace = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sampler = ExactSampler.CreateSecure();
        _fast = new DiscreteGaussian(new Rational(100, 1));
        _bigInteger = new DiscreteGaussian(new Rational(100, 1), SamplerArithmetic.BigIntegerOnly);
        _laplace = new DiscreteLaplace(new Rational(10, 1));
    }

    [Benchmark(OperationsPerInvoke = Samples)]
    public long DiscreteGaussian_sigma10()
    {
        _fast.Sample(_sampler, _buffer);
        return _buffer[^1];
    }

    [Benchmark(OperationsPerInvoke = Samples)]
    public long DiscreteGaussian_sigma10_BigIntegerOnly()
    {
        long last = 0;
        for (var i = 0; i < Samples; i++) last = (long)_bigInteger.Sample(_sampler);
        return last;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Samples)]
    public long RandomNumberGenerator_GetInt32()
    {
        long sum = 0;
        for (var i = 0; i < Samples; i++) sum += RandomNumberGenerator.GetInt32(-40, 41);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Samples)]
    public long DiscreteLaplace_scale10()
    {
        _laplace.Sample(_sampler, _buffer);
        return _buffer[^1];
    }
}
