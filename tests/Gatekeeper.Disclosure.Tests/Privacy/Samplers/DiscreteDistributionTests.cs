using System.Numerics;
using Gatekeeper.Disclosure.Privacy.Accounting;
using Gatekeeper.Disclosure.Privacy.Samplers;
using Gatekeeper.Disclosure.Suppression;
using static Gatekeeper.Disclosure.Tests.Privacy.StatisticalTests;

namespace Gatekeeper.Disclosure.Tests.Privacy.Samplers;

/// <summary>
/// Discrete Laplace and discrete Gaussian against their exact pmfs (Pearson χ², N = 120,000, bins
/// merged to expected ≥ 5, alpha = 1e-6, fixed seeds), sign symmetry, the log-ratio of neighbouring
/// probabilities, and the safe accuracy (confidence half-width) bounds.
/// </summary>
public sealed class DiscreteDistributionTests
{
    private const int N = 120_000;

    [Theory]
    [InlineData("3/2", SamplerArithmetic.Auto)]
    [InlineData("7", SamplerArithmetic.Auto)]
    [InlineData("1/3", SamplerArithmetic.Auto)]
    [InlineData("7", SamplerArithmetic.BigIntegerOnly)]
    public void Discrete_Laplace_fits_its_pmf(string scale, SamplerArithmetic arithmetic)
    {
        var b = RationalMath.Parse(scale);
        var laplace = new DiscreteLaplace(b, arithmetic);
        var samples = Draw(N, 101, laplace.Sample);
        var pmf = LaplacePmf(b);
        var window = (long)Math.Ceiling(ToDouble(b) * 25);
        var (statistic, df, critical) = PearsonChiSquare(samples, pmf, -window, window);
        Assert.True(statistic < critical, $"χ² = {statistic:0.0} with {df} df ≥ {critical:0.0}");
    }

    [Theory]
    [InlineData("100", SamplerArithmetic.Auto)] // σ = 10
    [InlineData("10", SamplerArithmetic.Auto)]
    [InlineData("2/3", SamplerArithmetic.Auto)]
    [InlineData("1/50", SamplerArithmetic.Auto)] // σ < 1: almost all mass at 0
    [InlineData("100", SamplerArithmetic.BigIntegerOnly)]
    [InlineData("1000000000000000000000000000001/10000000000000000000000000000", SamplerArithmetic.Auto)] // ≈ 100 with a 94-bit denominator
    public void Discrete_Gaussian_fits_its_pmf(string sigmaSquared, SamplerArithmetic arithmetic)
    {
        var s2 = RationalMath.Parse(sigmaSquared);
        var gaussian = new DiscreteGaussian(s2, arithmetic);
        var samples = Draw(N, 202, gaussian.Sample);
        var pmf = GaussianPmf(s2);
        var window = (long)Math.Ceiling(Math.Sqrt(ToDouble(s2)) * 8) + 2;
        var (statistic, df, critical) = PearsonChiSquare(samples, pmf, -window, window);
        Assert.True(statistic < critical, $"χ² = {statistic:0.0} with {df} df ≥ {critical:0.0}");
    }

    [Fact]
    public void Batch_sampling_fits_the_same_pmf()
    {
        var gaussian = new DiscreteGaussian(100);
        var batch = new long[N];
        gaussian.Sample(SeededRandomSource.Sampler(303), batch);
        var (statistic, df, critical) = PearsonChiSquare(batch, GaussianPmf(100), -80, 80);
        Assert.True(statistic < critical, $"χ² = {statistic:0.0} with {df} df ≥ {critical:0.0}");
    }

    [Fact]
    public void Signs_are_symmetric_and_neighbouring_probabilities_decay_at_the_exact_rate()
    {
        var b = new Rational(5, 2);
        var laplace = Draw(N, 404, new DiscreteLaplace(b).Sample);
        var gaussian = Draw(N, 405, new DiscreteGaussian(new Rational(49, 4)).Sample);

        foreach (var samples in new[] { laplace, gaussian })
        {
            var positive = samples.LongCount(s => s > 0);
            var nonZero = samples.LongCount(s => s != 0);
            var (low, high) = Wilson(positive, nonZero, Alpha);
            Assert.InRange(0.5, low, high);
        }

        // Given X ∈ {x, x + 1}, X = x + 1 is Bernoulli(1/(1 + p(x)/p(x+1))), with log(p(x)/p(x+1)) = 1/b for the
        // Laplace (x ≥ 0) and (2x + 1)/(2σ²) for the Gaussian: a binomial check of the log-ratio per x.
        CheckLogRatios(laplace, x => 1 / 2.5, maxX: 6);
        CheckLogRatios(gaussian, x => ((2 * x) + 1) / (2 * 12.25), maxX: 7);
    }

    [Fact]
    public void Laplace_half_width_is_safe_and_tight()
    {
        // P(|X| > a) = 2q^(a+1)/(1+q) exactly, q = e^(−1/b).
        foreach (var b in new[] { new Rational(1, 1), new Rational(10, 1), new Rational(7, 3), new Rational(1000, 1) })
        {
            var laplace = new DiscreteLaplace(b);
            var a = (double)laplace.HalfWidth(0.05);
            var q = Math.Exp(-1 / ToDouble(b));
            Assert.True(2 * Math.Pow(q, a + 1) / (1 + q) <= 0.05, $"b = {b}: a = {a} is not wide enough");
            Assert.True(2 * Math.Pow(q, a) / (1 + q) > 0.05, $"b = {b}: a = {a} could be smaller");
        }
    }

    [Fact]
    public void Gaussian_half_width_is_safe_and_close_to_the_exact_quantile()
    {
        foreach (var s2 in new[] { new Rational(100, 1), new Rational(1, 4), new Rational(10_000, 1), new Rational(2, 1) })
        {
            var gaussian = new DiscreteGaussian(s2);
            var a = (long)gaussian.HalfWidth(0.05);
            var pmf = GaussianPmf(s2);
            var sigma = Math.Sqrt(ToDouble(s2));
            var outside = 1 - Enumerable.Range((int)-a, (int)(2 * a) + 1).Sum(x => pmf(x));
            Assert.True(outside <= 0.05, $"σ² = {s2}: P(|X| > {a}) = {outside}");

            // Not wasteful: within 10 % (plus one) of the exact smallest half-width.
            var exact = 0L;
            while (1 - Enumerable.Range((int)-exact, (int)(2 * exact) + 1).Sum(x => pmf(x)) > 0.05) exact++;
            Assert.True(a <= (exact * 1.1) + 1, $"σ = {sigma}: bound {a} vs exact {exact}");
        }
    }

    [Fact]
    public void Tail_bounds_never_fall_below_the_exact_tail()
    {
        var s2 = new Rational(9, 1);
        var gaussian = new DiscreteGaussian(s2);
        var gPmf = GaussianPmf(s2);
        var b = new Rational(3, 2);
        var laplace = new DiscreteLaplace(b);
        var lPmf = LaplacePmf(b);
        for (var k = 1; k < 30; k++)
        {
            var gTail = Enumerable.Range(k, 200).Sum(x => gPmf(x));
            var lTail = Enumerable.Range(k, 400).Sum(x => lPmf(x));
            Assert.True(gaussian.UpperTailBound(k) >= gTail, $"Gaussian k = {k}");
            Assert.True(laplace.UpperTailBound(k) >= lTail * (1 - 1e-12), $"Laplace k = {k}");
        }
    }

    internal static Func<long, double> LaplacePmf(Rational scale)
    {
        var q = Math.Exp(-1 / ToDouble(scale));
        return x => (1 - q) / (1 + q) * Math.Pow(q, Math.Abs(x));
    }

    internal static Func<long, double> GaussianPmf(Rational sigmaSquared)
    {
        var s2 = ToDouble(sigmaSquared);
        var reach = (long)(Math.Sqrt(s2) * 40) + 10;
        var norm = 0.0;
        for (var x = -reach; x <= reach; x++) norm += Math.Exp(-(double)x * x / (2 * s2));
        return x => Math.Exp(-(double)x * x / (2 * s2)) / norm;
    }

    internal static double ToDouble(Rational r) => (double)r.Numerator / (double)r.Denominator;

    private static List<long> Draw(int count, ulong seed, Func<ExactSampler, BigInteger> sample)
    {
        var sampler = SeededRandomSource.Sampler(seed);
        var list = new List<long>(count);
        for (var i = 0; i < count; i++) list.Add((long)sample(sampler));
        return list;
    }

    private static void CheckLogRatios(List<long> samples, Func<double, double> logRatio, int maxX)
    {
        var counts = samples.GroupBy(s => Math.Abs(s)).ToDictionary(g => g.Key, g => (long)g.Count());
        for (var x = 0; x < maxX; x++)
        {
            // Both signs pooled: |X| = 0 has one point, the others two, so the x = 0 ratio carries a factor 2.
            var here = counts.GetValueOrDefault(x);
            var next = counts.GetValueOrDefault(x + 1);
            var ratio = Math.Exp(logRatio(x)) / (x == 0 ? 2 : 1);
            var (low, high) = Wilson(next, here + next, Alpha);
            Assert.InRange(1 / (1 + ratio), low, high);
        }
    }
}
