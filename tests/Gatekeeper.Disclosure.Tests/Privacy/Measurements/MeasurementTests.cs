using System.Numerics;
using Gatekeeper.Disclosure.Privacy.Accounting;
using Gatekeeper.Disclosure.Privacy.Bounding;
using Gatekeeper.Disclosure.Privacy.Floating;
using Gatekeeper.Disclosure.Privacy.Measurements;
using Gatekeeper.Disclosure.Suppression;
using static Gatekeeper.Disclosure.Tests.Privacy.StatisticalTests;

namespace Gatekeeper.Disclosure.Tests.Privacy.Measurements;

public sealed class MeasurementTests
{
    [Fact]
    public void Sensitivity_follows_the_row_and_group_caps()
    {
        // r = 2 rows per group, R = 5 rows in all, G = 2 groups: L∞ = 2, L1 = min(5, 4) = 4, L2² = 2·2² = 8.
        var s = Sensitivity.ForRows(new ContributionBounds(5, 2, 2), Rational.One);
        Assert.Equal(new Rational(2, 1), s.LInfinity);
        Assert.Equal(new Rational(4, 1), s.L1);
        Assert.Equal(new Rational(8, 1), s.L2Squared);

        // G = 3: the fifth row can go to a third group: L1 = 5, L2² = 4 + 4 + 1.
        var t = Sensitivity.ForRows(new ContributionBounds(5, 3, 2), new Rational(3, 1));
        Assert.Equal(new Rational(15, 1), t.L1);
        Assert.Equal(new Rational(9 * 9, 1), t.L2Squared);
        var p = Sensitivity.ForPersons(new ContributionBounds(5, 3));
        Assert.Equal((Rational.One, new Rational(3, 1), new Rational(3, 1)), (p.LInfinity, p.L1, p.L2Squared));
    }

    [Fact]
    public void Sum_uses_the_lattice_bounds_and_costs_exactly_its_epsilon()
    {
        var sum = new SumMeasurement("cost", "cost", new ClampBounds(-10, 1000), new FloatLattice(-1), new ContributionBounds(3, 1), NoiseCalibration.Laplace(new Rational(1, 2)));
        Assert.Equal((-20L, 2000L), (sum.LatticeLower, sum.LatticeUpper));
        Assert.Equal(new Rational(3 * 2000, 1), sum.Sensitivity.L1);
        Assert.Equal(PrivacyLoss.Pure(new Rational(1, 2)), sum.Loss);
        Assert.Equal(new Rational(12_000, 1), ((DiscreteLaplaceMechanism)sum.Noise).Scale);
        Assert.Equal(2000, sum.Integerise(double.PositiveInfinity));
        Assert.Equal(3, sum.Integerise(1.25)); // 2.5 lattice steps round away from zero
        Assert.Contains("cost", Assert.Throws<ArgumentException>(() => sum.Integerise(double.NaN)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Count_half_width_covers_the_noise_at_least_as_often_as_stated()
    {
        var count = new CountMeasurement("n", new ContributionBounds(1, 1), NoiseCalibration.Gaussian(new Rational(1, 50)));
        var sampler = SeededRandomSource.Sampler(1001);
        const int runs = 20_000;
        long covered = 0;
        for (var i = 0; i < runs; i++)
        {
            var released = count.Release(500, sampler);
            if (Math.Abs(released.Value - 500) <= released.HalfWidth) covered++;
        }

        var (_, high) = Wilson(covered, runs, Alpha);
        Assert.True(high >= 0.95, $"coverage {covered / (double)runs}");
    }

    [Fact]
    public void Mean_is_charged_for_both_sum_and_count_and_its_interval_covers_the_true_mean()
    {
        var bounds = new ContributionBounds(1, 1);
        var mean = new MeanMeasurement("hba1c", "hba1c", new ClampBounds(4, 14), new FloatLattice(-6), bounds, NoiseCalibration.Laplace(new Rational(1, 2)), NoiseCalibration.Laplace(new Rational(1, 4)));
        Assert.Equal(PrivacyLoss.Pure(new Rational(3, 4)), mean.Loss);
        Assert.Equal(2, mean.Mechanisms.Count);

        // 400 people with mean 6.5 exactly: lattice sum = 400 · 6.5 · 64.
        var sampler = SeededRandomSource.Sampler(1002);
        const int runs = 3_000;
        long covered = 0;
        for (var i = 0; i < runs; i++)
        {
            var released = mean.Release(new BigInteger(400 * 6.5 * 64), 400, sampler);
            Assert.NotNull(released.Low);
            if (released.Low <= 6.5 && 6.5 <= released.High) covered++;
        }

        var (_, high) = Wilson(covered, runs, Alpha);
        Assert.True(high >= 0.95, $"coverage {covered / (double)runs}");
    }

    [Fact]
    public void Mean_interval_is_withheld_when_the_noisy_count_cannot_bound_the_ratio()
    {
        var sum = new NoisyValue(10, FloatLattice.Integers, 5, 0.975, "test");
        var count = new NoisyValue(3, FloatLattice.Integers, 4, 0.975, "test");
        var mean = MeanMeasurement.Combine(sum, count, 0.95);
        Assert.Equal(10 / 3.0, mean.Value);
        Assert.Null(mean.Low);
        Assert.Null(mean.High);
    }
}
