using System.Numerics;
using Gatekeeper.Disclosure.Privacy.Accounting;
using Gatekeeper.Disclosure.Privacy.Bounding;
using Gatekeeper.Disclosure.Privacy.Measurements;
using Gatekeeper.Disclosure.Privacy.Partitions;
using Gatekeeper.Disclosure.Suppression;
using Gatekeeper.Disclosure.Tests.Privacy.Samplers;
using static Gatekeeper.Disclosure.Tests.Privacy.StatisticalTests;

namespace Gatekeeper.Disclosure.Tests.Privacy.Partitions;

public sealed class PartitionSelectionTests
{
    [Fact]
    public void Laplace_threshold_matches_the_closed_form_and_costs_epsilon_and_delta()
    {
        // G = 3, ε = 1: b = 3; τ = 1 + ⌈b·ln(G / (δ(1 + e^(−1/b))))⌉ for the exact tail.
        var delta = new Rational(1, 1_000_000);
        var selection = new ThresholdPartitionSelection(new ContributionBounds(5, 3), NoiseCalibration.Laplace(1), delta);
        var b = 3.0;
        var closedForm = 1 + Math.Ceiling(b * Math.Log(3 / (1e-6 * (1 + Math.Exp(-1 / b)))));
        Assert.InRange((double)selection.Threshold, closedForm, closedForm + 1);
        Assert.Equal(PrivacyLoss.Approximate(1, delta), selection.Loss);
        Assert.True(3 * selection.SingletonReleaseBound <= 1e-6);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_group_of_one_person_is_released_with_frequency_at_most_delta_over_G(bool gaussian)
    {
        // A large δ so the rare event is frequent enough to count: G = 2, δ = 0.02 → per group ≤ 0.01.
        var bounds = new ContributionBounds(1, 2);
        var calibration = gaussian ? NoiseCalibration.Gaussian(new Rational(1, 4)) : NoiseCalibration.Laplace(new Rational(1, 2));
        var selection = new ThresholdPartitionSelection(bounds, calibration, new Rational(2, 100));
        var sampler = SeededRandomSource.Sampler(gaussian ? 55UL : 56UL);
        const int trials = 200_000;
        long released = 0;
        for (var i = 0; i < trials; i++)
        {
            if (selection.TryRelease(BigInteger.One, sampler, out _)) released++;
        }

        var (low, high) = Wilson(released, trials, Alpha);
        Assert.True(low <= 0.01, $"released {released} of {trials}: lower bound {low} > δ/G = 0.01");

        // The safe bound really bounds the observed rate, and is not far above it.
        Assert.True(low <= selection.SingletonReleaseBound, $"{low} > bound {selection.SingletonReleaseBound}");
        Assert.True(high >= selection.SingletonReleaseBound / 3, $"bound {selection.SingletonReleaseBound} far above the rate ({high})");
    }

    [Fact]
    public void Large_groups_are_released_and_costs_follow_the_measure()
    {
        var selection = new ThresholdPartitionSelection(new ContributionBounds(1, 1), NoiseCalibration.Gaussian(new Rational(1, 2)), new Rational(1, 1_000_000_000));
        Assert.Equal(PrivacyLoss.ApproximateZcdp(new Rational(1, 2), new Rational(1, 1_000_000_000)), selection.Loss);
        var sampler = SeededRandomSource.Sampler(57);
        var releasedLarge = Enumerable.Range(0, 1000).Count(i => selection.TryRelease(selection.Threshold + 50, sampler, out _));
        Assert.Equal(1000, releasedLarge);
    }

    [Fact]
    public void Public_key_sets_are_cross_products_sorted_and_refuse_missing_parts()
    {
        var keys = PublicKeySet.CrossProduct(["sex", "band"], [["M", "F"], ["40-49", "30-39"]]);
        Assert.Equal(4, keys.Keys.Count);
        Assert.Equal(GroupKey.Of("F", "30-39"), keys.Keys[0]);
        Assert.True(keys.Contains(GroupKey.Of("M", "40-49")));
        Assert.False(keys.Contains(GroupKey.Of("M", "50-59")));
        Assert.Throws<ArgumentException>(() => new PublicKeySet(["sex"], [GroupKey.Of((string?)null)]));
        Assert.Throws<ArgumentException>(() => new PublicKeySet(["sex"], [GroupKey.Of("M", "x")]));
    }
}
