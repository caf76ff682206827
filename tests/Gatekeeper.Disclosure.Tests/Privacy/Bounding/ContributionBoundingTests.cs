using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Gatekeeper.Disclosure.Privacy.Accounting;
using Gatekeeper.Disclosure.Privacy.Bounding;
using Gatekeeper.Disclosure.Privacy.Floating;
using Gatekeeper.Disclosure.Privacy.Measurements;
using Gatekeeper.Disclosure.Suppression;

namespace Gatekeeper.Disclosure.Tests.Privacy.Bounding;

/// <summary>Contribution bounding: caps, order independence, and the sensitivity it buys (property tests).</summary>
public sealed class ContributionBoundingTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(0, 16).Select(i => (byte)i)];

    [Fact]
    public void SipHash_matches_the_reference_test_vector()
    {
        // Aumasson and Bernstein (2012), appendix A: key 00..0f, message 00..0e.
        var message = Enumerable.Range(0, 15).Select(i => (byte)i).ToArray();
        Assert.Equal(0xa129ca6149be45e5UL, KeyedHash.SipHash24(Key, message));
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 150, Replay = "(1111,2223)")]
    public void Caps_hold_and_the_kept_rows_do_not_depend_on_input_order(Dataset data)
    {
        var bounder = new ContributionBounder(Key);
        var kept = bounder.Bound(data.Rows, data.Bounds);
        foreach (var person in kept.GroupBy(r => r.Person))
        {
            Assert.True(person.Count() <= data.Bounds.MaxRowsPerPerson);
            Assert.True(person.Select(r => r.Group).Distinct().Count() <= data.Bounds.MaxGroupsPerPerson);
            Assert.All(person.GroupBy(r => r.Group), g => Assert.True(g.Count() <= data.Bounds.MaxRowsPerGroup));
        }

        // Every kept row was in the input, and a person with few rows keeps them all.
        var input = data.Rows.GroupBy(r => r.Person).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var person in input.Where(p => p.Value.Count == 1)) Assert.Contains(person.Value[0], kept);

        var shuffled = data.Rows.OrderBy(r => KeyedHash.SipHash24(Key, System.Text.Encoding.UTF8.GetBytes(r.ToString()))).ToList();
        Assert.Equal(kept, bounder.Bound(shuffled, data.Bounds));
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 200, Replay = "(3333,4445)")]
    public void Clamped_sums_and_counts_move_by_at_most_their_sensitivity_when_one_person_is_added(Dataset data)
    {
        var bounder = new ContributionBounder(Key);
        var sum = new SumMeasurement("v", "v", data.Clamp, new FloatLattice(-2), data.Bounds, NoiseCalibration.Laplace(1));
        var count = Sensitivity.ForRows(data.Bounds, Rational.One);
        var without = Totals(bounder.Bound(data.Rows, data.Bounds), sum);
        var with = Totals(bounder.Bound([.. data.Rows, .. data.Newcomer], data.Bounds), sum);

        var groups = without.Keys.Union(with.Keys).ToList();
        var sumChanges = groups.Select(g => with.GetValueOrDefault(g).Sum - without.GetValueOrDefault(g).Sum).ToList();
        var countChanges = groups.Select(g => (BigInteger)(with.GetValueOrDefault(g).Count - without.GetValueOrDefault(g).Count)).ToList();
        CheckWithin(sumChanges, sum.Sensitivity);
        CheckWithin(countChanges, count);
    }

    private static Dictionary<GroupKey, (BigInteger Sum, long Count)> Totals(IReadOnlyList<PersonRow> rows, SumMeasurement sum) =>
        rows.GroupBy(r => r.Group).ToDictionary(
            g => g.Key,
            g => (g.Aggregate(BigInteger.Zero, (total, r) => total + sum.Integerise(r.Value)), (long)g.Count()));

    private static void CheckWithin(List<BigInteger> changes, Sensitivity sensitivity)
    {
        var lInf = changes.Count == 0 ? BigInteger.Zero : changes.Max(BigInteger.Abs);
        var l1 = changes.Aggregate(BigInteger.Zero, (t, c) => t + BigInteger.Abs(c));
        var l2 = changes.Aggregate(BigInteger.Zero, (t, c) => t + (c * c));
        Assert.True(new Rational(lInf, 1) <= sensitivity.LInfinity, $"L∞ {lInf} > {sensitivity.LInfinity}");
        Assert.True(new Rational(l1, 1) <= sensitivity.L1, $"L1 {l1} > {sensitivity.L1}");
        Assert.True(new Rational(l2, 1) <= sensitivity.L2Squared, $"L2² {l2} > {sensitivity.L2Squared}");
    }

    public sealed record Dataset(List<PersonRow> Rows, List<PersonRow> Newcomer, ContributionBounds Bounds, ClampBounds Clamp);

    public static class Generators
    {
        public static Arbitrary<Dataset> Datasets()
        {
            var value = Gen.Frequency(
                (10, Gen.Choose(-400, 400).Select(v => v / 4.0)),
                (1, Gen.Elements(double.PositiveInfinity, double.NegativeInfinity, 1e300, -1e300, 0.125)));
            var group = Gen.Choose(0, 4).Select(g => GroupKey.Of("g" + g));
            Gen<List<PersonRow>> PersonRows(string person) =>
                Gen.Choose(1, 8).SelectMany(n => Gen.ListOf(group.SelectMany(g => value.Select(v => new PersonRow(person, g, v))), n)).Select(l => l.ToList());
            var gen =
                from persons in Gen.Choose(0, 12)
                from rows in Gen.CollectToList(Enumerable.Range(0, persons), p => PersonRows("p" + p))
                from newcomer in PersonRows("new")
                from total in Gen.Choose(1, 5)
                from groups in Gen.Choose(1, 3)
                from perGroup in Gen.Choose(1, total)
                from lower in Gen.Choose(-50, 0)
                from upper in Gen.Choose(0, 60)
                select new Dataset(rows.SelectMany(r => r).ToList(), newcomer, new ContributionBounds(total, groups, perGroup), new ClampBounds(lower / 2.0, upper / 2.0));
            return Arb.From(gen);
        }
    }
}
