using System.Numerics;
using Gatekeeper.Disclosure.Privacy.Accounting;
using Gatekeeper.Disclosure.Privacy.Bounding;
using Gatekeeper.Disclosure.Privacy.Floating;
using Gatekeeper.Disclosure.Privacy.Measurements;
using Gatekeeper.Disclosure.Suppression;
using Gatekeeper.Disclosure.Tests.Privacy.Samplers;
using static Gatekeeper.Disclosure.Tests.Privacy.StatisticalTests;

namespace Gatekeeper.Disclosure.Tests.Privacy.Floating;

/// <summary>Clamping, the 2^k lattice, and the KS test of the real-valued (lattice) outputs.</summary>
public sealed class FloatHandlingTests
{
    [Fact]
    public void NaN_is_refused_with_a_message_and_infinities_clamp_to_the_bounds()
    {
        var bounds = new ClampBounds(-2, 5);
        var error = Assert.Throws<ArgumentException>(() => bounds.Clamp(double.NaN, "hba1c"));
        Assert.Contains("NaN in 'hba1c' is refused", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, bounds.Clamp(double.PositiveInfinity));
        Assert.Equal(-2, bounds.Clamp(double.NegativeInfinity));
        Assert.Equal(1.5, bounds.Clamp(1.5));
        Assert.Throws<ArgumentException>(() => new ClampBounds(3, 2));
        Assert.Throws<ArgumentException>(() => new ClampBounds(double.NegativeInfinity, 2));
        Assert.Throws<ArgumentException>(() => FloatLattice.Integers.ToLattice(double.NaN));
    }

    [Theory]
    [InlineData(-3, 1.0625, 9)] // 8.5 steps of 1/8 rounds away from zero
    [InlineData(-3, -1.0625, -9)]
    [InlineData(-3, 1.06, 8)]
    [InlineData(0, 2.5, 3)]
    [InlineData(2, 10, 3)] // 10/4 = 2.5 → 3
    [InlineData(-10, 0.1, 102)]
    public void Values_round_to_the_nearest_multiple_of_two_to_the_k(int exponent, double value, long expected)
    {
        var lattice = new FloatLattice(exponent);
        Assert.Equal(expected, lattice.ToLattice(value));
        Assert.Equal(Math.ScaleB(expected, exponent), lattice.FromLattice(expected));
        Assert.Equal(new Rational(expected, 1) * RationalMath.PowerOfTwo(exponent), lattice.ToReal(expected));
    }

    [Fact]
    public void Rounding_an_aggregate_adds_one_step_to_the_sensitivity_and_the_default_lattice_keeps_32_bits()
    {
        var lattice = new FloatLattice(-2);
        Assert.Equal(new Rational(3 * 4 + 1, 1), lattice.SensitivityAfterRounding(new Rational(3, 1)));
        Assert.Equal(-32 + 6, FloatLattice.ForBounds(new ClampBounds(0, 100)).Exponent);
        Assert.Equal(0, FloatLattice.ForBounds(new ClampBounds(0, 0)).Exponent);
        Assert.Throws<OverflowException>(() => new FloatLattice(-60).ToLattice(1e10));
    }

    [Fact]
    public void A_real_valued_laplace_sum_fits_its_exact_cdf_by_kolmogorov_smirnov()
    {
        // Values on the 1/8 lattice: each release is (0 + Z)·2^−3 with Z discrete Laplace in lattice units.
        var sum = new SumMeasurement("x", "x", new ClampBounds(0, 10), new FloatLattice(-3), new ContributionBounds(1, 1), NoiseCalibration.Laplace(2));
        var scale = ((DiscreteLaplaceMechanism)sum.Noise).Scale;
        var q = Math.Exp(-1 / DiscreteDistributionTests.ToDouble(scale));
        double Cdf(long z) => z >= 0 ? 1 - (Math.Pow(q, z + 1) / (1 + q)) : Math.Pow(q, -z) / (1 + q);
        CheckKs(sum, Cdf);
    }

    [Fact]
    public void A_real_valued_gaussian_sum_fits_its_exact_cdf_by_kolmogorov_smirnov()
    {
        var sum = new SumMeasurement("x", "x", new ClampBounds(-1, 3), new FloatLattice(-4), new ContributionBounds(2, 1), NoiseCalibration.Gaussian(new Rational(1, 2)));
        var s2 = ((DiscreteGaussianMechanism)sum.Noise).SigmaSquared;
        var pmf = DiscreteDistributionTests.GaussianPmf(s2);
        var reach = (long)(Math.Sqrt(DiscreteDistributionTests.ToDouble(s2)) * 40) + 10;
        var cumulative = new Dictionary<long, double>();
        var running = 0.0;
        for (var z = -reach; z <= reach; z++)
        {
            running += pmf(z);
            cumulative[z] = running;
        }

        CheckKs(sum, z => z < -reach ? 0 : z > reach ? 1 : cumulative[z]);
    }

    private static void CheckKs(SumMeasurement sum, Func<long, double> latticeCdf)
    {
        const int n = 20_000;
        var sampler = SeededRandomSource.Sampler(909);
        var values = Enumerable.Range(0, n).Select(_ => sum.Release(BigInteger.Zero, sampler).Value).ToList();
        var step = Math.ScaleB(1.0, sum.Lattice.Exponent);
        Assert.All(values, v => Assert.Equal(0, Math.IEEERemainder(v, step)));

        // F(x) = P(Z ≤ ⌊x / 2^k⌋); just below x the CDF is F at the previous lattice point.
        double Cdf(double x) => latticeCdf((long)Math.Floor(x / step));
        double Below(double x) => latticeCdf((long)Math.Ceiling(x / step) - 1);
        var d = KolmogorovSmirnov(values, Cdf, Below);
        Assert.True(d < KolmogorovCritical(n, Alpha), $"KS D = {d} ≥ {KolmogorovCritical(n, Alpha)}");
    }
}
