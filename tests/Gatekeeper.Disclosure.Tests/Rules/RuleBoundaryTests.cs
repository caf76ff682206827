using Gatekeeper.Disclosure.Rules;
using Gatekeeper.Disclosure.Tables;
using Gatekeeper.Disclosure.Verdicts;

namespace Gatekeeper.Disclosure.Tests.Rules;

/// <summary>Every rule on hand-computed boundary cases.</summary>
public sealed class RuleBoundaryTests
{
    [Theory]
    [InlineData(10, CheckStatus.Pass)]
    [InlineData(9, CheckStatus.Fail)]
    [InlineData(1, CheckStatus.Fail)]
    [InlineData(11, CheckStatus.Pass)]
    [InlineData(0, CheckStatus.Pass)] // empty cells are the zero rule's
    public void Threshold_fails_from_1_to_9_units(long count, CheckStatus expected) =>
        Assert.Equal(expected, ThresholdRule.Evaluate(count, 10));

    [Theory]
    [InlineData(0, false, true, CheckStatus.Fail)]
    [InlineData(0, true, true, CheckStatus.Pass)]
    [InlineData(0, false, false, CheckStatus.Pass)]
    [InlineData(1, false, true, CheckStatus.Pass)]
    public void Zero_fails_only_disclosive_non_structural_empty_cells(long count, bool structural, bool disclosive, CheckStatus expected) =>
        Assert.Equal(expected, ZeroRule.Evaluate(count, structural, disclosive));

    [Fact]
    public void P_ratio_passes_at_equality_and_fails_just_below()
    {
        // largest 100, second 50: remainder must be ≥ 0.10 × 100 = 10.
        Assert.Equal(CheckStatus.Pass, PRatioRule.Evaluate(new DominanceStatistics(100m, 50m, 160m, false), 0.10m));
        Assert.Equal(CheckStatus.Fail, PRatioRule.Evaluate(new DominanceStatistics(100m, 50m, 159.99m, false), 0.10m));
        Assert.Equal(CheckStatus.Pass, PRatioRule.Evaluate(new DominanceStatistics(100m, 50m, 160.01m, false), 0.10m));
    }

    [Fact]
    public void P_ratio_with_a_single_contributor_fails_and_all_zero_passes()
    {
        Assert.Equal(CheckStatus.Fail, PRatioRule.Evaluate(DominanceStatistics.FromContributions([42m]), 0.10m));
        Assert.Equal(CheckStatus.Pass, PRatioRule.Evaluate(DominanceStatistics.FromContributions([0m, 0m, 0m]), 0.10m));
    }

    [Fact]
    public void Nk_dominance_fails_at_exactly_k_and_passes_just_below()
    {
        // top-2 = 90 of 100 = exactly 0.90 → fail (≥).
        Assert.Equal(CheckStatus.Fail, NkDominanceRule.Evaluate(new DominanceStatistics(60m, 30m, 100m, false), 2, 0.90m));
        Assert.Equal(CheckStatus.Pass, NkDominanceRule.Evaluate(new DominanceStatistics(60m, 29.99m, 100m, false), 2, 0.90m));
        Assert.Equal(CheckStatus.Pass, NkDominanceRule.Evaluate(new DominanceStatistics(60m, 30m, 100.01m, false), 2, 0.90m));
        Assert.Equal(CheckStatus.Fail, NkDominanceRule.Evaluate(new DominanceStatistics(90m, 5m, 100m, false), 1, 0.90m));
        Assert.Equal(CheckStatus.Pass, NkDominanceRule.Evaluate(new DominanceStatistics(89m, 5m, 100m, false), 1, 0.90m));
    }

    [Fact]
    public void Negative_contributions_send_both_dominance_rules_to_review()
    {
        var d = DominanceStatistics.FromContributions([50m, 40m, -5m, 30m, 20m]);
        Assert.True(d.HasNegative);
        Assert.Equal(CheckStatus.Review, PRatioRule.Evaluate(d, 0.10m));
        Assert.Equal(CheckStatus.Review, NkDominanceRule.Evaluate(d, 2, 0.90m));
    }

    [Fact]
    public void Zero_total_has_nothing_to_dominate() =>
        Assert.Equal(CheckStatus.Pass, NkDominanceRule.Evaluate(new DominanceStatistics(0m, 0m, 0m, false), 2, 0.90m));

    [Theory]
    [InlineData(10, CheckStatus.Pass)]
    [InlineData(9, CheckStatus.Fail)]
    public void Degrees_of_freedom_below_10_fail(long dof, CheckStatus expected) =>
        Assert.Equal(expected, DegreesOfFreedomRule.Evaluate(dof, 10));

    [Fact]
    public void Standard_deviation_degrees_of_freedom_are_observations_minus_one()
    {
        Assert.Equal(CheckStatus.Fail, DegreesOfFreedomRule.Evaluate(DegreesOfFreedomRule.ForDispersion(10), 10));
        Assert.Equal(CheckStatus.Pass, DegreesOfFreedomRule.Evaluate(DegreesOfFreedomRule.ForDispersion(11), 10));
    }

    [Fact]
    public void Missing_values_go_to_review_only_when_checked()
    {
        Assert.Equal(CheckStatus.Review, MissingValuesRule.Evaluate(true, true));
        Assert.Equal(CheckStatus.Pass, MissingValuesRule.Evaluate(true, false));
        Assert.Equal(CheckStatus.Pass, MissingValuesRule.Evaluate(false, true));
    }

    [Fact]
    public void Min_max_go_to_review_unless_allowed()
    {
        Assert.Equal(CheckStatus.Review, MinMaxRule.Evaluate(allowMinMax: false, hasValue: true));
        Assert.Equal(CheckStatus.Pass, MinMaxRule.Evaluate(allowMinMax: true, hasValue: true));
    }

    [Fact]
    public void Top_two_contributions_are_found_in_any_order()
    {
        var d = DominanceStatistics.FromContributions([3m, 9m, 1m, 7m]);
        Assert.Equal(new DominanceStatistics(9m, 7m, 20m, false), d);
    }
}
