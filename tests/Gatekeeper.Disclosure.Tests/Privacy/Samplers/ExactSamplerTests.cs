using System.Numerics;
using Gatekeeper.Disclosure.Privacy.Samplers;
using Gatekeeper.Disclosure.Suppression;
using static Gatekeeper.Disclosure.Tests.Privacy.StatisticalTests;

namespace Gatekeeper.Disclosure.Tests.Privacy.Samplers;

/// <summary>The primitives: uniform-below, Bernoulli(p), Bernoulli(exp(−x)), geometric; fixed seeds, alpha = 1e-6.</summary>
public sealed class ExactSamplerTests
{
    private const int N = 120_000;

    [Theory]
    [InlineData(6UL)]
    [InlineData(1000UL)]
    public void Uniform_below_a_small_range_fits_the_uniform_distribution(ulong n)
    {
        var sampler = SeededRandomSource.Sampler(11 + n);
        var samples = Enumerable.Range(0, N).Select(_ => (long)sampler.UniformBelow(n)).ToList();
        Assert.All(samples, s => Assert.InRange(s, 0, (long)n - 1));
        var (statistic, df, critical) = PearsonChiSquare(samples, x => x >= 0 && x < (long)n ? 1.0 / n : 0, 0, (long)n - 1);
        Assert.True(statistic < critical, $"χ² = {statistic:0.0} with {df} df ≥ {critical:0.0}");
    }

    [Fact]
    public void Uniform_below_two_thirds_of_two_to_the_64_has_no_modulo_bias_while_a_modulo_would()
    {
        // With n = ⌊2^65/3⌋ a "random word mod n" makes the lower half of the range twice as likely as the upper half.
        var n = (ulong)((BigInteger.One << 65) / 3);
        var sampler = SeededRandomSource.Sampler(5);
        const int bins = 12;
        var rejection = Enumerable.Range(0, N).Select(_ => (long)((UInt128)sampler.UniformBelow(n) * bins / n)).ToList();
        var (statistic, df, critical) = PearsonChiSquare(rejection, Uniform(bins), 0, bins - 1);
        Assert.True(statistic < critical, $"rejection sampler: χ² = {statistic:0.0} with {df} df ≥ {critical:0.0}");

        // The same test has the power to see the bias of the naive method.
        var modulo = Enumerable.Range(0, N).Select(_ => (long)((UInt128)(sampler.NextBits(64) % n) * bins / n)).ToList();
        var (biased, _, _) = PearsonChiSquare(modulo, Uniform(bins), 0, bins - 1);
        Assert.True(biased > critical, $"modulo χ² = {biased:0.0} should exceed {critical:0.0}");
    }

    [Fact]
    public void Uniform_below_a_range_beyond_64_bits_fits_the_uniform_distribution()
    {
        var n = (BigInteger.One << 100) * 3 + 12_345;
        var sampler = SeededRandomSource.Sampler(17);
        const int bins = 20;
        var samples = Enumerable.Range(0, N).Select(_ =>
        {
            var v = sampler.UniformBelow(n);
            Assert.True(v.Sign >= 0 && v < n);
            return (long)(v * bins / n);
        }).ToList();
        var (statistic, df, critical) = PearsonChiSquare(samples, Uniform(bins), 0, bins - 1);
        Assert.True(statistic < critical, $"χ² = {statistic:0.0} with {df} df ≥ {critical:0.0}");
    }

    [Theory]
    [InlineData("1/3")]
    [InlineData("5/7")]
    [InlineData("999/1000")]
    [InlineData("1/1180591620717411303424")] // 2^-70: the BigInteger path
    [InlineData("590295810358705651713/1180591620717411303424")] // (2^69 + 1)/2^70
    public void Bernoulli_of_a_rational_hits_p_within_the_Wilson_interval(string text)
    {
        var p = Parse(text);
        var sampler = SeededRandomSource.Sampler(23);
        var hits = Enumerable.Range(0, N).LongCount(_ => sampler.Bernoulli(p));
        var exact = (double)p.Numerator / (double)p.Denominator;
        var (low, high) = Wilson(hits, N, Alpha);
        Assert.InRange(exact, low, high);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1/3")]
    [InlineData("1")]
    [InlineData("7/5")]
    [InlineData("5/2")]
    [InlineData("3")]
    [InlineData("1180591620717411303425/1180591620717411303424")] // 1 + 2^-70: the BigInteger path, x > 1
    [InlineData("1/1180591620717411303424")] // x ≤ 1 on the BigInteger path
    public void Bernoulli_of_exp_minus_x_hits_exp_minus_x_within_the_Wilson_interval(string text)
    {
        var x = Parse(text);
        var sampler = SeededRandomSource.Sampler(29);
        var hits = Enumerable.Range(0, N).LongCount(_ => sampler.BernoulliExp(x));
        var exact = Math.Exp(-(double)x.Numerator / (double)x.Denominator);
        var (low, high) = Wilson(hits, N, Alpha);
        Assert.InRange(exact, low, high);
    }

    [Theory]
    [InlineData("1/5")]
    [InlineData("3/2")]
    [InlineData("1/1180591620717411303424000")] // tiny decay: the BigInteger path, checked in its continuous limit below
    public void Geometric_fits_its_pmf(string text)
    {
        var x = Parse(text);
        var sampler = SeededRandomSource.Sampler(31);
        var decay = (double)x.Numerator / (double)x.Denominator;
        if (x.Denominator > ulong.MaxValue)
        {
            // Continuous limit: g·decay is Exp(1); bin it by integer part.
            var scaled = Enumerable.Range(0, 20_000).Select(_ => (long)Math.Floor((double)sampler.Geometric(x) * decay)).ToList();
            var (s, d, c) = PearsonChiSquare(scaled, k => k < 0 ? 0 : Math.Exp(-k) - Math.Exp(-(k + 1)), 0, 8);
            Assert.True(s < c, $"χ² = {s:0.0} with {d} df ≥ {c:0.0}");
            return;
        }

        var samples = Enumerable.Range(0, N).Select(_ => (long)sampler.Geometric(x)).ToList();
        var q = Math.Exp(-decay);
        var (statistic, df, critical) = PearsonChiSquare(samples, g => g < 0 ? 0 : (1 - q) * Math.Pow(q, g), 0, (long)(40 / decay));
        Assert.True(statistic < critical, $"χ² = {statistic:0.0} with {df} df ≥ {critical:0.0}");
    }

    [Fact]
    public void Next_bits_spans_word_boundaries_without_losing_uniformity()
    {
        // Draw widths that straddle the 64-bit buffer: 7, 64, 13, 64, … each value's top bit is fair.
        var sampler = SeededRandomSource.Sampler(37);
        int[] widths = [7, 64, 13, 64, 1, 63, 2, 64];
        var tops = new long[widths.Length];
        const int rounds = 20_000;
        for (var r = 0; r < rounds; r++)
        {
            for (var i = 0; i < widths.Length; i++)
            {
                var v = sampler.NextBits(widths[i]);
                Assert.True(widths[i] == 64 || v < (1UL << widths[i]));
                tops[i] += (long)((v >> (widths[i] - 1)) & 1);
            }
        }

        foreach (var ones in tops)
        {
            var (low, high) = Wilson(ones, rounds, Alpha);
            Assert.InRange(0.5, low, high);
        }
    }

    [Fact]
    public void Invalid_parameters_are_refused_with_a_message()
    {
        var sampler = SeededRandomSource.Sampler(1);
        Assert.Contains("must not be empty", Assert.Throws<ArgumentOutOfRangeException>(() => sampler.UniformBelow(0UL)).Message, StringComparison.Ordinal);
        Assert.Contains("not a probability", Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Bernoulli(new Rational(3, 2))).Message, StringComparison.Ordinal);
        Assert.Contains("x ≥ 0", Assert.Throws<ArgumentOutOfRangeException>(() => sampler.BernoulliExp(new Rational(-1, 2))).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DiscreteGaussian(Rational.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DiscreteLaplace(new Rational(-1, 1)));
    }

    private static Func<long, double> Uniform(int bins) => x => x >= 0 && x < bins ? 1.0 / bins : 0;

    private static Rational Parse(string text) => Gatekeeper.Disclosure.Privacy.Accounting.RationalMath.Parse(text);
}
