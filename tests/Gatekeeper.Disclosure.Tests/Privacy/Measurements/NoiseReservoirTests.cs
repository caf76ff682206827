using System.Numerics;
using Gatekeeper.Disclosure.Privacy.Bounding;
using Gatekeeper.Disclosure.Privacy.Budget;
using Gatekeeper.Disclosure.Privacy.Floating;
using Gatekeeper.Disclosure.Privacy.Measurements;
using Gatekeeper.Disclosure.Privacy.Partitions;
using Gatekeeper.Disclosure.Privacy.Planning;
using Gatekeeper.Disclosure.Suppression;
using Gatekeeper.Disclosure.Tests.Privacy.Planning;

namespace Gatekeeper.Disclosure.Tests.Privacy.Measurements;

/// <summary>Noise drawn ahead: the sampler's own draws, each handed out once, enough for any release of the plan.</summary>
public sealed class NoiseReservoirTests
{
    [Fact]
    public void The_reservoir_hands_out_the_samplers_draws_in_order_each_once_and_never_draws_itself()
    {
        var mechanism = new DiscreteLaplaceMechanism(new Rational(7, 2));
        var reservoir = new NoiseReservoir();
        reservoir.Fill(new Dictionary<INoiseMechanism, int> { [mechanism] = 1_000 }, SeededRandomSource.Sampler(11));

        var reference = SeededRandomSource.Sampler(11);
        for (var i = 0; i < 1_000; i++) Assert.Equal(mechanism.SampleNoise(reference), reservoir.Draw(mechanism));

        Assert.Equal(0, reservoir.Remaining(mechanism));
        var dry = Assert.Throws<InvalidOperationException>(() => reservoir.Draw(mechanism));
        Assert.Contains("ran out", dry.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => reservoir.Draw(new DiscreteLaplaceMechanism(Rational.One)));
    }

    [Fact]
    public void Filling_again_only_tops_up_to_the_demand()
    {
        var a = new DiscreteGaussianMechanism(new Rational(100, 1));
        var b = new DiscreteLaplaceMechanism(new Rational(2, 1));
        var reservoir = new NoiseReservoir();
        var sampler = SeededRandomSource.Sampler(3);
        reservoir.Fill(new Dictionary<INoiseMechanism, int> { [a] = 5, [b] = 2 }, sampler);
        reservoir.Fill(new Dictionary<INoiseMechanism, int> { [a] = 3, [b] = 4 }, sampler);
        Assert.Equal(5, reservoir.Remaining(a));
        Assert.Equal(4, reservoir.Remaining(b));
        Assert.True(reservoir.Covers(new Dictionary<INoiseMechanism, int> { [a] = 5, [b] = 4 }));
        Assert.False(reservoir.Covers(new Dictionary<INoiseMechanism, int> { [a] = 6 }));
    }

    [Fact]
    public void With_one_mechanism_a_release_from_the_reservoir_equals_the_release_drawn_as_it_goes()
    {
        // Public keys and a count only: every cell draws from the row count's mechanism, in key order.
        var spec = DpAggregatePlanTests.Spec() with { Measures = [DpMeasureSpec.Count("rows")] };
        var plan = DpAggregatePlanner.Plan(spec, salt: "s");
        var rows = Rows(plan, new Random(5), groups: 3);
        var demand = DpAggregateReleaser.NoiseDemand(plan, DpAggregateReleaser.PublicKeyGroups(plan)!.Value);
        Assert.Equal(4, Assert.Single(demand).Value);

        var reservoir = new NoiseReservoir();
        reservoir.Fill(demand, SeededRandomSource.Sampler(21));
        var ahead = DpAggregateReleaser.Release(plan, rows, reservoir);
        var live = DpAggregateReleaser.Release(plan, rows, SeededRandomSource.Sampler(21));
        Assert.Equal(live.ToJson(), ahead.ToJson());
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void A_reservoir_filled_to_the_demand_never_runs_dry_whatever_the_data(int seed, bool thresholded)
    {
        var keys = thresholded ? (GroupKeyPolicy)new ThresholdedGroupKeys() : null;
        var budget = thresholded ? PrivacyBudget.ApproximateDp(1, new Rational(1, 1_000_000)) : null;
        var plan = DpAggregatePlanner.Plan(DpAggregatePlanTests.Spec(keys, budget, new ContributionBounds(3, 2, 2)), salt: "s");
        var random = new Random(seed);
        for (var trial = 0; trial < 25; trial++)
        {
            // Large person counts make partition selection release almost every group: the demand's worst case.
            var rows = Rows(plan, random, groups: random.Next(0, 5), persons: trial % 2 == 0 ? 1 : 1_000);
            var demand = DpAggregateReleaser.NoiseDemand(plan, DpAggregateReleaser.PublicKeyGroups(plan) ?? rows.Count);
            var reservoir = new NoiseReservoir();
            reservoir.Fill(demand, SeededRandomSource.Sampler((ulong)(seed * 100 + trial)));
            var result = DpAggregateReleaser.Release(plan, rows, reservoir);
            Assert.True(result.Rows.Count <= (DpAggregateReleaser.PublicKeyGroups(plan) ?? rows.Count));
        }
    }

    private static List<AggregateRow> Rows(DpAggregatePlan plan, Random random, int groups, int persons = 50)
    {
        var keys = DpAggregatePlanTests.Keys.Keys.OrderBy(_ => random.Next()).Take(groups);
        var columns = new List<string> { DpAggregateSql.RowCountColumn };
        if (plan.Selection is not null) columns.Add(DpAggregateSql.PersonCountColumn);
        columns.AddRange(plan.Measures.Where(m => m.SumColumn is not null).Select(m => m.SumColumn!));
        return [.. keys.Select(k => new AggregateRow(k, columns.ToDictionary(
            c => c,
            c => c == DpAggregateSql.PersonCountColumn ? new BigInteger(persons) : new BigInteger(random.Next(0, 100_000)))))];
    }
}
