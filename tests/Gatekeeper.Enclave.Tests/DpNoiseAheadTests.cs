using System.Diagnostics;
using Gatekeeper.Disclosure.Privacy.Bounding;
using Gatekeeper.Disclosure.Privacy.Budget;
using Gatekeeper.Disclosure.Privacy.Floating;
using Gatekeeper.Disclosure.Privacy.Partitions;
using Gatekeeper.Disclosure.Privacy.Planning;
using Gatekeeper.Disclosure.Suppression;
using Gatekeeper.VisitingEnvironment.Privacy;

namespace Gatekeeper.Enclave.Tests;

/// <summary>The noise is drawn in a padded phase beside the query, and topped up in another when the data hold more groups.</summary>
public sealed class DpNoiseAheadTests
{
    private static readonly TimeSpan Quantum = TimeSpan.FromMilliseconds(300);

    private static DpAggregatePlan Plan(GroupKeyPolicy keys) => DpAggregatePlanner.Plan(
        new DpQuerySpec(
            "activity",
            "person_id",
            ["band"],
            [DpMeasureSpec.Count("rows"), DpMeasureSpec.Mean("steps_mean", "steps", new ClampBounds(0, 30_000), new FloatLattice(0))],
            new ContributionBounds(3, 1, 1),
            keys,
            PrivacyBudget.ApproximateDp(1, new Rational(1, 1_000_000))),
        salt: "s");

    [Fact]
    public void The_padded_drawing_phase_runs_beside_the_query_and_covers_every_public_key()
    {
        var plan = Plan(new PublicGroupKeys(PublicKeySet.CrossProduct(["band"], [["a", "b", "c"]])));
        var watch = Stopwatch.StartNew();
        using var noise = DpNoiseAhead.Start(plan, new DpTimingPad(Quantum), maxOutputRows: 1_000);
        Thread.Sleep(400); // the query
        var reservoir = noise.Complete(aggregateGroups: 2);
        watch.Stop();

        Assert.Equal(3, noise.GroupsAhead);
        Assert.True(reservoir.Covers(DpAggregateReleaser.NoiseDemand(plan, 3)));
        Assert.InRange(noise.PaddedDuration, Quantum, (2 * Quantum) - TimeSpan.FromTicks(1));
        // In sequence the two would take at least 700 ms.
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(650), $"query + noise took {watch.Elapsed.TotalMilliseconds:0} ms: the noise was not drawn beside the query");
    }

    [Fact]
    public void More_groups_than_drawn_for_get_a_second_padded_phase_and_never_a_draw_outside_one()
    {
        var plan = Plan(new ThresholdedGroupKeys());
        using var noise = DpNoiseAhead.Start(plan, new DpTimingPad(Quantum), maxOutputRows: 5);
        Assert.Equal(5, noise.GroupsAhead);

        var reservoir = noise.Complete(aggregateGroups: 12);
        Assert.True(reservoir.Covers(DpAggregateReleaser.NoiseDemand(plan, 12)));
        Assert.True(noise.PaddedDuration >= 2 * Quantum, $"{noise.PaddedDuration.TotalMilliseconds:0} ms: two padded phases expected");
    }

    [Fact]
    public void Partition_selection_draws_ahead_for_at_most_the_output_limit_or_the_cap()
    {
        var plan = Plan(new ThresholdedGroupKeys());
        using (var capped = DpNoiseAhead.Start(plan, new DpTimingPad(TimeSpan.FromMilliseconds(1)), maxOutputRows: 5_000_000))
            Assert.Equal(DpNoiseAhead.MaxGroupsAhead, capped.GroupsAhead);
        using var small = DpNoiseAhead.Start(plan, new DpTimingPad(TimeSpan.FromMilliseconds(1)), maxOutputRows: 40);
        Assert.Equal(40, small.GroupsAhead);
    }
}
