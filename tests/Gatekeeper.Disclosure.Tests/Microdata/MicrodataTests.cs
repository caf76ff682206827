using System.Globalization;
using System.Numerics;
using Gatekeeper.Disclosure.Microdata;
using Gatekeeper.Disclosure.Policies;
using Gatekeeper.Disclosure.Verdicts;

namespace Gatekeeper.Disclosure.Tests.Microdata;

public sealed class MicrodataTests
{
    private static readonly string[] Columns = ["age", "sex", "residence", "exam_date", "diagnosis", "hba1c"];

    private static MicrodataPolicy Policy(int k, decimal limit, decimal? t = 0.5m) => new()
    {
        K = k,
        SuppressionLimit = limit,
        QuasiIdentifiers =
        [
            new QuasiIdentifierPolicy { Column = "age", Kind = AttributeKind.Numeric, Hierarchy = [new GeneralisationStep { Kind = GeneralisationKind.Band, Width = 5 }, new GeneralisationStep { Kind = GeneralisationKind.Band, Width = 20 }] },
            new QuasiIdentifierPolicy { Column = "sex", StartLevel = 0, Hierarchy = [new GeneralisationStep { Kind = GeneralisationKind.Suppress }] },
            new QuasiIdentifierPolicy { Column = "residence", Hierarchy = [new GeneralisationStep { Kind = GeneralisationKind.Prefix, Length = 2 }] },
            new QuasiIdentifierPolicy { Column = "exam_date", Kind = AttributeKind.Date, Hierarchy = [new GeneralisationStep { Kind = GeneralisationKind.Year }] },
        ],
        SensitiveAttributes =
        [
            new SensitiveAttributePolicy { Column = "diagnosis", DistinctL = 2, EntropyL = 1.2m, T = t },
            new SensitiveAttributePolicy { Column = "hba1c", Kind = AttributeKind.Numeric, DistinctL = 2, T = t },
        ],
    };

    private static List<string?[]> RandomRows(Random random, int count)
    {
        string[] areas = ["13101", "13102", "14100", "27100", "27127"];
        string[] diagnoses = ["E11", "E14", "R73", "none"];
        var rows = new List<string?[]>();
        for (var i = 0; i < count; i++)
        {
            rows.Add(
            [
                random.Next(30, 70).ToString(CultureInfo.InvariantCulture),
                random.Next(2) == 0 ? "F" : "M",
                areas[random.Next(areas.Length)],
                new DateOnly(2023 + random.Next(2), random.Next(1, 13), random.Next(1, 28)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                random.Next(10) == 0 ? null : diagnoses[random.Next(diagnoses.Length)],
                (5.0m + (random.Next(0, 25) / 10m)).ToString(CultureInfo.InvariantCulture),
            ]);
        }

        return rows;
    }

    private static string Key(string?[] row, IReadOnlyDictionary<string, int> levels)
    {
        // Generalisation done by hand, independently of the policy steps.
        var age = int.Parse(row[0]!, CultureInfo.InvariantCulture);
        var ageLabel = levels["age"] switch { 0 => row[0], 1 => $"{age / 5 * 5}-{(age / 5 * 5) + 4}", _ => $"{age / 20 * 20}-{(age / 20 * 20) + 19}" };
        var sex = levels["sex"] == 0 ? row[1] : "*";
        var area = levels["residence"] == 0 ? row[2] : row[2]![..2];
        var date = levels["exam_date"] == 0 ? row[3] : row[3]![..4];
        return $"{ageLabel}|{sex}|{area}|{date}";
    }

    [Fact]
    public void Assessment_matches_brute_force_on_random_small_microdata()
    {
        var random = new Random(777);
        for (var trial = 0; trial < 40; trial++)
        {
            var rows = RandomRows(random, random.Next(20, 160));
            var table = MicrodataTable.FromRows(Columns, rows);
            var k = random.Next(2, 6);
            var limit = new[] { 0m, 0.1m, 0.5m, 0.9m }[random.Next(4)];
            var mp = Policy(k, limit, t: new[] { 0.1m, 0.3m, 0.6m }[random.Next(3)]);
            var levels = new Dictionary<string, int> { ["age"] = random.Next(3), ["sex"] = random.Next(2), ["residence"] = random.Next(2), ["exam_date"] = random.Next(2) };

            var result = MicrodataAssessor.Assess(table, TestPolicies.With(mp), levels);

            var classes = rows.Select((r, i) => (Row: r, Index: i)).GroupBy(x => Key(x.Row, levels)).ToList();
            var n = rows.Count;
            for (var kk = 2; kk <= 20; kk++)
            {
                var below = classes.Where(c => c.Count() < kk).Sum(c => c.Count());
                var share = result.KAnonymity.SharesBelow.Single(s => s.K == kk);
                Assert.Equal(below, share.Records);
                Assert.Equal((decimal)below / n, share.Share);
            }

            var atRisk = classes.Where(c => c.Count() < k).Sum(c => c.Count());
            var suppress = atRisk <= limit * n;
            var kept = classes.Where(c => !suppress || c.Count() >= k).ToList();
            Assert.Equal(suppress ? classes.Where(c => c.Count() < k).SelectMany(c => c.Select(x => x.Index)).Order() : [], result.SuppressedRows.Order());
            Assert.Equal(classes.Min(c => c.Count()), result.KAnonymity.SmallestClassBeforeSuppression);
            Assert.Equal(kept.Count == 0 ? 0 : kept.Min(c => c.Count()), result.KAnonymity.SmallestClassAfterSuppression);
            Assert.Equal(suppress ? CheckStatus.Pass : CheckStatus.Fail, result.Findings.Single(f => f.Criterion == "k-anonymity").Outcome);
            Assert.Equal(n - result.SuppressedRows.Count, result.Anonymised.RowCount);
            if (kept.Count == 0) continue;

            var keptRows = kept.SelectMany(c => c.Select(x => x.Row)).ToList();
            var diag = result.LDiversity.Single(l => l.Column == "diagnosis");
            Assert.Equal(kept.Min(c => c.Select(x => x.Row[4]).Distinct().Count()), diag.MinDistinct);
            var minEntropy = kept.Min(c => MicrodataReference.Entropy(c.Select(x => x.Row[4]).ToList()));
            Assert.Equal(Math.Exp(minEntropy), diag.EntropyL, 9);
            Assert.Equal(minEntropy >= Math.Log(1.2) - 1e-12, diag.EntropyPass);

            var equal = kept.Select(c => MicrodataReference.EqualDistance(c.Select(x => x.Row[4]).ToList(), keptRows.Select(r => r[4]).ToList())).ToList();
            var worstEqual = equal.Aggregate((a, b) => a.Num * b.Den >= b.Num * a.Den ? a : b);
            var tDiag = result.TCloseness.Single(t => t.Column == "diagnosis");
            Assert.Equal(worstEqual.Num * tDiag.Denominator, tDiag.Numerator * worstEqual.Den);
            Assert.Equal(equal.All(d => d.Num * 10 <= (BigInteger)(mp.SensitiveAttributes[0].T!.Value * 10) * d.Den), tDiag.Pass);

            var all = keptRows.Select(r => decimal.Parse(r[5]!, CultureInfo.InvariantCulture)).ToList();
            var ordered = kept.Select(c => MicrodataReference.OrderedDistance(c.Select(x => decimal.Parse(x.Row[5]!, CultureInfo.InvariantCulture)).ToList(), all)).ToList();
            var worstOrdered = ordered.Aggregate((a, b) => a.Num * b.Den >= b.Num * a.Den ? a : b);
            var tHba1c = result.TCloseness.Single(t => t.Column == "hba1c");
            Assert.Equal(TClosenessDistance.Ordered, tHba1c.Distance);
            Assert.Equal(worstOrdered.Num * tHba1c.Denominator, tHba1c.Numerator * worstOrdered.Den);

            // Risks (El Emam): prosecutor highest 1/min f, average J/n, records with 1/f > 0.1.
            var released = keptRows.Count;
            Assert.Equal(1.0 / kept.Min(c => c.Count()), result.Risk.ProsecutorHighest, 12);
            Assert.Equal((double)kept.Count / released, result.Risk.ProsecutorAverage, 12);
            Assert.Equal((double)kept.Where(c => c.Count() < 10).Sum(c => c.Count()) / released, result.Risk.ProsecutorRecordsAtRisk, 12);
            Assert.Equal(result.Risk.ProsecutorAverage, result.Risk.MarketerAverage, 12);
        }
    }

    [Fact]
    public void Generalisation_hierarchies_band_ages_truncate_dates_and_map_areas_to_prefectures()
    {
        var band = new GeneralisationStep { Kind = GeneralisationKind.Band, Width = 5 };
        Assert.Equal("40-44", band.Apply("43", integral: true));
        Assert.Equal("[40,45)", band.Apply("43.5", integral: false));
        Assert.Equal("2024-03", new GeneralisationStep { Kind = GeneralisationKind.Month }.Apply("2024-03-15", true));
        Assert.Equal("2024", new GeneralisationStep { Kind = GeneralisationKind.Year }.Apply("2024-03-15", true));
        Assert.Equal("13", new GeneralisationStep { Kind = GeneralisationKind.Prefix, Length = 2 }.Apply("13101", true));
        Assert.Equal("*", new GeneralisationStep { Kind = GeneralisationKind.Suppress }.Apply("F", true));
        Assert.Null(band.Apply(null, true));
        var map = new GeneralisationStep { Kind = GeneralisationKind.Map, Mapping = new Dictionary<string, string> { ["E11"] = "diabetes" }, Default = "other" };
        Assert.Equal("diabetes", map.Apply("E11", true));
        Assert.Equal("other", map.Apply("I10", true));
    }

    [Fact]
    public void The_result_shows_what_was_generalised_and_suppressed()
    {
        // 12 people aged 40–44 in Tokyo and one aged 67 in Osaka: the Osaka record is suppressed (1/13 ≤ 10%).
        var rows = Enumerable.Range(0, 12).Select(i => new string?[] { (40 + (i % 5)).ToString(CultureInfo.InvariantCulture), "F", "13101", "2024-01-10", i % 2 == 0 ? "E11" : "R73", "6.1" }).ToList();
        rows.Add(["67", "F", "27100", "2024-02-01", "E11", "7.0"]);
        var mp = Policy(10, 0.10m) with { SensitiveAttributes = [] };
        var result = MicrodataAssessor.Assess(MicrodataTable.FromRows(Columns, rows), TestPolicies.With(mp));

        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal([12], result.SuppressedRows);
        var age = result.Generalisations.Single(g => g.Column == "age");
        Assert.Equal((1, 6, 2), (age.Level, age.DistinctBefore, age.DistinctAfter));
        Assert.Contains("bands of 5", age.Description, StringComparison.Ordinal);
        Assert.Equal(12, result.Anonymised.RowCount);
        Assert.Equal(["40-44"], result.Anonymised.Column("age").Dictionary.Where((_, i) => result.Anonymised.Column("age").Codes.Contains(i)));
        Assert.Equal("13", result.Anonymised.Column("residence").Value(0));
        Assert.Equal(12, result.KAnonymity.SmallestClassAfterSuppression);

        // With no room for suppression the output fails k-anonymity and nothing is removed.
        var strict = MicrodataAssessor.Assess(MicrodataTable.FromRows(Columns, rows), TestPolicies.With(mp with { SuppressionLimit = 0.05m }));
        Assert.Equal(CheckStatus.Fail, strict.Status);
        Assert.Empty(strict.SuppressedRows);
    }

    [Fact]
    public void The_anonymiser_climbs_the_hierarchy_until_k_is_met_within_the_limit()
    {
        var rows = RandomRows(new Random(3), 400);
        var table = MicrodataTable.FromRows(Columns, rows);
        var mp = Policy(5, 0.02m) with { SensitiveAttributes = [] };
        var start = MicrodataAssessor.Assess(table, TestPolicies.With(mp));
        Assert.Equal(CheckStatus.Fail, start.Status);

        var result = MicrodataAnonymiser.Anonymise(table, TestPolicies.With(mp));

        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.True(result.Levels.Values.Sum() > start.Levels.Values.Sum());
        Assert.True(result.SuppressedShare <= 0.02m);
        Assert.True(result.KAnonymity.SmallestClassAfterSuppression >= 5);
    }

    [Fact]
    public void Columns_the_output_does_not_have_are_noted_not_required()
    {
        var table = MicrodataTable.FromRows(["age", "sex"], Enumerable.Range(0, 20).Select(_ => (IReadOnlyList<string?>)["41", "F"]).ToList());
        var result = MicrodataAssessor.Assess(table, TestPolicies.With(Policy(10, 0m)));
        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Contains(result.Messages, m => m.Contains("'residence'", StringComparison.Ordinal));
        Assert.Equal(2, result.Generalisations.Count);
    }

    [Fact]
    public void Sampling_fraction_lowers_journalist_and_marketer_risk()
    {
        var rows = Enumerable.Range(0, 30).Select(i => (IReadOnlyList<string?>)[(40 + (i % 2)).ToString(CultureInfo.InvariantCulture), "F"]).ToList();
        var mp = new MicrodataPolicy { K = 2, SamplingFraction = 0.1m, QuasiIdentifiers = [new QuasiIdentifierPolicy { Column = "age", StartLevel = 0 }] };
        var result = MicrodataAssessor.Assess(MicrodataTable.FromRows(["age", "sex"], rows), TestPolicies.With(mp));
        Assert.Equal(RiskBasis.SamplingFraction, result.Risk.Basis);
        Assert.Equal(1.0 / 15, result.Risk.ProsecutorHighest, 12);
        Assert.Equal(0.1 / 15, result.Risk.JournalistHighest, 12);
        Assert.Equal(2 * 0.1 / 30, result.Risk.MarketerAverage, 12);
    }
}
