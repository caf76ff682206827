using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Gatekeeper.Disclosure.Privacy.Accounting;
using Gatekeeper.Disclosure.Privacy.Bounding;
using Gatekeeper.Disclosure.Privacy.Measurements;
using Gatekeeper.Disclosure.Suppression;
using static Gatekeeper.Disclosure.Tests.Privacy.StatisticalTests;

namespace Gatekeeper.Disclosure.Tests.Privacy.Measurements;

public sealed class QuantileTests
{
    [Fact]
    public void Exponential_mechanism_selects_with_exactly_the_exponential_weights()
    {
        // Scores 0, 1, 3, 1 at temperature 3/2: P ∝ 1, e^(−2/3), e^(−2), e^(−2/3).
        var mechanism = new ExponentialMechanism(new Rational(3, 2));
        Int128[] scores = [0, 1, 3, 1];
        var sampler = SeededRandomSource.Sampler(777);
        var picks = Enumerable.Range(0, 120_000).Select(_ => (long)mechanism.Select(scores, sampler)).ToList();
        var weights = scores.Select(s => Math.Exp(-(double)s / 1.5)).ToArray();
        var total = weights.Sum();
        var (statistic, df, critical) = PearsonChiSquare(picks, i => i >= 0 && i < 4 ? weights[i] / total : 0, 0, 3);
        Assert.True(statistic < critical, $"χ² = {statistic:0.0} with {df} df ≥ {critical:0.0}");
    }

    [Fact]
    public void Median_with_a_generous_epsilon_lands_near_the_true_median()
    {
        var candidates = Enumerable.Range(0, 101).Select(i => i * 10.0).ToList();
        var median = new QuantileMeasurement("median", candidates, new Rational(1, 2), new ContributionBounds(1, 1), 5);
        Assert.Equal(PrivacyLoss.Pure(5), median.Loss);
        var values = Enumerable.Range(0, 1001).Select(i => (double)i).ToList();
        var sampler = SeededRandomSource.Sampler(778);
        var released = median.Release(values, sampler);
        Assert.InRange(released.Value, 450, 550);
        Assert.True(released.RankErrorBound > 0);

        // The exact quantile scores 0.
        var scores = median.Scores(values);
        Assert.Equal(0, scores[50]);
        Assert.True(scores[0] > 0 && scores[100] > 0);
    }

    [Fact]
    public void Bad_candidates_and_NaN_values_are_refused()
    {
        var bounds = new ContributionBounds(1, 1);
        Assert.Throws<ArgumentException>(() => new QuantileMeasurement("q", [1, 1, 2], new Rational(1, 2), bounds, 1));
        Assert.Throws<ArgumentException>(() => new QuantileMeasurement("q", [1, double.NaN], new Rational(1, 2), bounds, 1));
        Assert.Throws<ArgumentException>(() => new QuantileMeasurement("q", [], new Rational(1, 2), bounds, 1));
        var q = new QuantileMeasurement("q", [1, 2], new Rational(1, 2), bounds, 1);
        Assert.Throws<ArgumentException>(() => q.Scores([1, double.NaN]));
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 200, Replay = "(8080,9091)")]
    public void One_persons_rows_move_every_score_by_at_most_the_stated_sensitivity(QuantileCase c)
    {
        var measurement = new QuantileMeasurement("q", c.Candidates, c.Quantile, new ContributionBounds(c.Extra.Count, 1), 1);
        var before = measurement.Scores(c.Values);
        var after = measurement.Scores([.. c.Values, .. c.Extra]);
        var delta = (Int128)measurement.ScoreSensitivity.Numerator;
        for (var i = 0; i < before.Length; i++) Assert.True(Int128.Abs(after[i] - before[i]) <= delta, $"candidate {i}: {before[i]} → {after[i]} > {delta}");
    }

    public sealed record QuantileCase(List<double> Candidates, Rational Quantile, List<double> Values, List<double> Extra);

    public static class Generators
    {
        public static Arbitrary<QuantileCase> Cases()
        {
            var value = Gen.Choose(-5, 25).Select(v => (double)v);
            var gen =
                from candidates in Gen.Choose(-3, 23).ListOf().Select(l => l.Distinct().Order().Select(v => (double)v).ToList())
                where candidates.Count > 0
                from b in Gen.Choose(1, 20)
                from a in Gen.Choose(0, b)
                from values in value.ListOf()
                from extraCount in Gen.Choose(1, 4)
                from extra in Gen.ListOf(value, extraCount)
                select new QuantileCase(candidates, new Rational(a, b), values.ToList(), extra.ToList());
            return Arb.From(gen);
        }
    }
}
