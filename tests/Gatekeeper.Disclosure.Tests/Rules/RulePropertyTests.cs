using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Gatekeeper.Disclosure.Policies;
using Gatekeeper.Disclosure.Rules;
using Gatekeeper.Disclosure.Verdicts;

namespace Gatekeeper.Disclosure.Tests.Rules;

/// <summary>
/// Each rule against a brute-force reference that works from the raw per-person rows in integer cents
/// (no decimal, no shared code with the checker), on random tables with fixed seeds.
/// </summary>
public sealed class RulePropertyTests
{
    [Property(Arbitrary = [typeof(Generators)], MaxTest = 300, Replay = "(1234567,7654321)")]
    public void Every_rule_matches_the_brute_force_reference(RawTable raw)
    {
        var policy = TestPolicies.With(TablePolicy.Default with { Threshold = raw.Threshold, P = raw.PPercent / 100m, K = raw.KPercent / 100m, N = raw.N });
        var verdict = TableChecker.Check(raw.ToTable(), policy);
        for (var i = 0; i < raw.Cells.Count; i++)
        {
            var expected = Reference(raw.Cells[i], raw);
            Assert.Equal(expected.Threshold, verdict.HasFailed(i, RuleCode.Threshold));
            Assert.Equal(expected.Zero, verdict.HasFailed(i, RuleCode.Zero));
            Assert.Equal(expected.PRatio == CheckStatus.Fail, verdict.HasFailed(i, RuleCode.PRatio));
            Assert.Equal(expected.PRatio == CheckStatus.Review, verdict.NeedsReview(i, RuleCode.PRatio));
            Assert.Equal(expected.Nk == CheckStatus.Fail, verdict.HasFailed(i, RuleCode.NkDominance));
            Assert.Equal(expected.Nk == CheckStatus.Review, verdict.NeedsReview(i, RuleCode.NkDominance));
            Assert.Equal(expected.Missing, verdict.NeedsReview(i, RuleCode.Missing));
            Assert.Equal(expected.Dof, verdict.HasFailed(i, RuleCode.Dof));
        }
    }

    private static (bool Threshold, bool Zero, CheckStatus PRatio, CheckStatus Nk, bool Missing, bool Dof) Reference(RawCell cell, RawTable raw)
    {
        var persons = cell.Persons.Count;
        var threshold = persons > 0 && persons < raw.Threshold;
        var zero = persons == 0;
        if (persons == 0) return (threshold, zero, CheckStatus.Pass, CheckStatus.Pass, false, false);

        // Standard deviation over the non-missing values: n − 1 degrees of freedom, published only from 2 values.
        var values = cell.Persons.Sum(p => p.Count(v => v.HasValue));
        var dof = values >= 2 && values - 1 < 10;

        // Per-person totals in cents, sorted from largest.
        var totals = cell.Persons.Select(p => p.Where(v => v.HasValue).Sum(v => v!.Value)).OrderDescending().ToList();
        var negative = totals.Any(t => t < 0);
        var missing = cell.Persons.Any(p => p.Any(v => v is null));
        var largest = totals[0];
        var second = totals.Count > 1 ? totals[1] : 0;
        var rest = totals.Skip(2).Sum();
        var all = totals.Sum();

        // p% rule in integers: rest < p/100 × largest  ⇔  100·rest < p·largest.
        var pRatio = negative ? CheckStatus.Review : 100 * rest < raw.PPercent * largest ? CheckStatus.Fail : CheckStatus.Pass;

        // (n, k): top-n ≥ k/100 × total ⇔ 100·top ≥ k·total, only when total > 0.
        var top = raw.N == 1 ? largest : largest + second;
        var nk = negative ? CheckStatus.Review : all > 0 && 100 * top >= raw.KPercent * all ? CheckStatus.Fail : CheckStatus.Pass;
        return (threshold, zero, pRatio, nk, missing, dof);
    }

    public static class Generators
    {
        public static Arbitrary<RawTable> Tables()
        {
            var value = Gen.Frequency(
                (12, Gen.Choose(0, 20_000).Select(v => (long?)v)),
                (3, Gen.Choose(100_000, 2_000_000).Select(v => (long?)v)),
                (1, Gen.Choose(-5_000, -1).Select(v => (long?)v)),
                (1, Gen.Constant((long?)null)),
                (2, Gen.Constant((long?)0)));
            var person = Gen.Choose(1, 3).SelectMany(rows => Gen.ListOf(value, rows)).Select(l => (IReadOnlyList<long?>)l.ToList());
            var cell = Gen.Frequency(
                    (1, Gen.Constant(0)),
                    (8, Gen.Choose(1, 14)))
                .SelectMany(n => Gen.ListOf(person, n))
                .Select(ps => new RawCell(ps.ToList()));

            // Cells with one or two equal large contributors hit the dominance boundaries exactly.
            var boundary = Gen.Choose(0, 3).SelectMany(extra =>
                Gen.Choose(1, 50).Select(big => new RawCell(
                    Enumerable.Repeat((IReadOnlyList<long?>)[(long?)(big * 900)], 2)
                        .Concat(Enumerable.Repeat((IReadOnlyList<long?>)[(long?)(big * 10 * extra)], 10)).ToList())));
            var cells = Gen.Frequency((6, cell), (1, boundary)).ListOf().Select(l => l.ToList());
            var table =
                from cs in cells
                from threshold in Gen.Elements(5, 10, 11)
                from p in Gen.Elements(5, 10, 20)
                from k in Gen.Elements(60, 80, 90)
                from n in Gen.Elements(1, 2)
                select new RawTable(cs, threshold, p, k, n);
            return Arb.From(table);
        }
    }
}
