using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Gatekeeper.VisitingEnvironment.Shadow;
using Gatekeeper.VisitingEnvironment.Worker;
using Microsoft.Data.Analysis;

namespace Gatekeeper.Enclave.Tests;

/// <summary>
/// The worker's shadow statistics and published values against a brute-force computation in plain C# over the same
/// random rows (persons, groups, values with NULLs, some persons left out by consent), for every query shape: the
/// one-pass plan (count, sum, avg, min, max, count distinct), the two-pass plan (median, stddev, quantile, FILTER),
/// per-person rows through a CTE, a table without GROUP BY, a one-pass plan with ORDER BY and LIMIT, joins of two
/// tables (USING, ON, IN) read by run person number, and a text comparison on the pseudonym that keeps the pseudonym
/// views. Few iterations: each runs DuckDB.
/// </summary>
public sealed class ShadowStatisticsPropertyTests
{
    [Property(Arbitrary = [typeof(Generators)], MaxTest = 32, Replay = "(20250401,1063)")]
    public void Shadow_statistics_and_values_match_a_brute_force_computation(RandomRun run)
    {
        // Both joins of the permit views: on the dataset's person numbers, and on the pseudonym (tables that predate them).
        using var table = new ObservationTable(run.Rows, run.Excluded, personNumbers: run.Rows.Count % 2 == 0);
        var shape = Shapes[run.Shape];
        var result = InProcessRun.Of(table.Spec(shape.Sql));
        Assert.True(result.Manifest.Status == WorkerStatus.Succeeded, result.Manifest.Message);
        Assert.Equal(shape.SinglePass ? "single-pass" : "two-pass", result.Manifest.Tables[0].Plan);
        Assert.Equal(shape.Numbered, result.Manifest.Log.Any(line => line.Contains("persons joined by run number", StringComparison.Ordinal)));
        var shadow = result.Shadow!;
        var data = result.Data!;

        var rows = shape.Rows(table.Visible.ToList()).ToList();
        var cells = rows.GroupBy(r => string.Join("|", shape.Key(r).Select(k => k ?? "<null>"))).ToDictionary(g => g.Key, g => g.ToList());
        if (shape.Key(new Row("", null, 0, null, null)).Length == 0 && cells.Count == 0) cells[""] = [];
        Assert.Equal(cells.Count, shadow.Cells.Count);
        Assert.Equal(cells.Count, (int)data.Rows.Count);
        Assert.Equal(shape.Measures.Select(m => m.Name), shadow.Measures.Select(m => m.Name));

        for (var i = 0; i < shadow.Cells.Count; i++)
        {
            var cell = shadow.Cells[i];
            var key = string.Join("|", cell.Key.Select(k => k ?? "<null>"));
            Assert.True(cells.TryGetValue(key, out var members), $"unexpected cell {key}");
            Assert.Equal(members.Select(r => r.Person).Distinct().LongCount(), cell.Persons);
            Assert.Equal(members.Count, cell.Rows);
            Assert.False(cell.StructuralZero);
            for (var m = 0; m < shape.Measures.Length; m++)
            {
                var measure = shape.Measures[m];
                var expected = Expected(measure, members);
                var actual = cell.Measures[m];
                var context = $"cell {key}, {measure.Name}";
                Assert.True(expected.Observations == actual.Observations, $"{context}: observations {actual.Observations}, expected {expected.Observations}");
                Assert.True(expected.Contributors == actual.Contributors, $"{context}: contributors {actual.Contributors}, expected {expected.Contributors}");
                Assert.True(expected.HasMissing == actual.HasMissing, $"{context}: missing {actual.HasMissing}");
                if (measure.Dominance)
                {
                    Assert.True(expected.Largest == actual.Largest, $"{context}: largest {actual.Largest}, expected {expected.Largest}");
                    Assert.True(expected.SecondLargest == actual.SecondLargest, $"{context}: second {actual.SecondLargest}, expected {expected.SecondLargest}");
                    Assert.True(expected.Total == actual.Total, $"{context}: total {actual.Total}, expected {expected.Total}");
                    Assert.Equal(expected.HasNegative, actual.HasNegative);
                }

                Close(expected.Value, actual.Value, context);
                Close(expected.Value, Published(data, i, measure.Name), context + " (published)");
            }
        }
    }

    private static void Close(double? expected, double? actual, string context)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{context}: {actual}, expected {expected}");
            return;
        }

        Assert.True(Math.Abs(expected.Value - actual.Value) <= 1e-9 * Math.Max(1, Math.Abs(expected.Value)), $"{context}: {actual}, expected {expected}");
    }

    private static double? Published(DataFrame data, int row, string column)
    {
        var value = data.Columns[column][row];
        return value is null ? null : Convert.ToDouble(value, CultureInfo.InvariantCulture);
    }

    /// <summary>The brute-force statistics of one measure over a cell's rows.</summary>
    private static ShadowMeasureStatistics Expected(Measure measure, List<Row> rows)
    {
        var considered = rows.Where(measure.Filter).ToList();
        var values = considered.Select(r => (r.Person, Value: measure.Argument(r))).ToList();
        var present = values.Where(v => v.Value.HasValue).ToList();
        var observations = measure.Kind == "count*" ? considered.Count : present.Count;
        var contributors = measure.Kind == "count*" ? considered.Select(r => r.Person).Distinct().Count() : present.Select(v => v.Person).Distinct().Count();
        var missing = values.Any(v => !v.Value.HasValue);
        var numbers = present.Select(v => v.Value!.Value).ToList();
        double? value = measure.Kind switch
        {
            "count*" => considered.Count,
            "count" => numbers.Count,
            "distinct" => contributors,
            "sum" => numbers.Count == 0 ? null : numbers.Sum(),
            "mean" => numbers.Count == 0 ? null : numbers.Sum() / numbers.Count,
            "min" => numbers.Count == 0 ? null : numbers.Min(),
            "max" => numbers.Count == 0 ? null : numbers.Max(),
            "median" => numbers.Count == 0 ? null : Median(numbers),
            "stddev" => numbers.Count < 2 ? null : Math.Sqrt(numbers.Sum(x => (x - numbers.Average()) * (x - numbers.Average())) / (numbers.Count - 1)),
            "quantile25" => numbers.Count == 0 ? null : numbers.Order().ElementAt((int)Math.Floor((numbers.Count - 1) * 0.25)),
            _ => throw new InvalidOperationException(measure.Kind),
        };
        if (!measure.Dominance) return new ShadowMeasureStatistics(value, observations, contributors, missing);
        var totals = present.GroupBy(v => v.Person).Select(g => (decimal)g.Sum(v => v.Value!.Value)).OrderDescending().ToList();
        return new ShadowMeasureStatistics(value, observations, contributors, missing,
            totals.Count > 0 ? totals[0] : 0, totals.Count > 1 ? totals[1] : 0, totals.Sum(), totals.Any(t => t < 0));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>A row of the FROM clause of a shape (obs rows, or per-person rows of a CTE).</summary>
    private sealed record Row(string Person, string? G1, int G2, double? V, double? W);

    private sealed record Measure(string Name, string Kind, Func<Row, double?> Argument, Func<Row, bool> Filter, bool Dominance = false);

    /// <param name="Numbered">Whether stage 1 may read the persons by run number (the query only joins, groups or counts them).</param>
    private sealed record Shape(string Sql, Func<List<Observation>, IEnumerable<Row>> Rows, Func<Row, string?[]> Key, Measure[] Measures, bool SinglePass, bool Numbered = true);

    private static readonly Func<Row, bool> All = _ => true;

    private static IEnumerable<Row> ObsRows(List<Observation> rows) => rows.Select(r => new Row(r.Person, r.G1, r.G2, r.V, r.W));

    private static readonly Shape[] Shapes =
    [
        new(
            "SELECT g1, g2, count(*) AS n, count(v) AS nv, sum(v) AS s, avg(w) AS m, count(DISTINCT participant_id) AS persons, min(v) AS lo, max(w) AS hi FROM obs GROUP BY g1, g2",
            ObsRows,
            r => [r.G1, r.G2.ToString(CultureInfo.InvariantCulture)],
            [
                new("n", "count*", _ => 0, All),
                new("nv", "count", r => r.V, All),
                new("s", "sum", r => r.V, All, Dominance: true),
                new("m", "mean", r => r.W, All, Dominance: true),
                new("persons", "distinct", _ => 1, All),
                new("lo", "min", r => r.V, All),
                new("hi", "max", r => r.W, All),
            ],
            SinglePass: true),
        new(
            "SELECT g1, median(v) AS med, stddev(w) AS sd, sum(v) FILTER (WHERE w > 0) AS sp, quantile_disc(w, 0.25) AS q FROM obs GROUP BY ALL",
            ObsRows,
            r => [r.G1],
            [
                new("med", "median", r => r.V, All),
                new("sd", "stddev", r => r.W, All),
                new("sp", "sum", r => r.V, r => r.W > 0, Dominance: true),
                new("q", "quantile25", r => r.W, All),
            ],
            SinglePass: false),
        new(
            "WITH pp AS (SELECT participant_id, g2, sum(v) AS tv FROM obs GROUP BY participant_id, g2) SELECT g2, count(*) AS n, sum(tv) AS s, avg(tv) AS m FROM pp GROUP BY g2",
            rows => rows.GroupBy(r => (r.Person, r.G2)).Select(g => new Row(g.Key.Person, null, g.Key.G2,
                g.Any(r => r.V.HasValue) ? g.Where(r => r.V.HasValue).Sum(r => r.V!.Value) : null, null)),
            r => [r.G2.ToString(CultureInfo.InvariantCulture)],
            [
                new("n", "count*", _ => 0, All),
                new("s", "sum", r => r.V, All, Dominance: true),
                new("m", "mean", r => r.V, All, Dominance: true),
            ],
            SinglePass: true),
        new(
            "SELECT count(*) AS n, sum(v) AS s, avg(v) AS m FROM obs WHERE g2 = 1",
            rows => ObsRows(rows).Where(r => r.G2 == 1),
            _ => [],
            [
                new("n", "count*", _ => 0, All),
                new("s", "sum", r => r.V, All, Dominance: true),
                new("m", "mean", r => r.V, All, Dominance: true),
            ],
            SinglePass: true),
        new(
            "SELECT g1, count(*) AS n, sum(v) AS s FROM obs GROUP BY g1 ORDER BY n DESC, g1 LIMIT 10",
            ObsRows,
            r => [r.G1],
            [
                new("n", "count*", _ => 0, All),
                new("s", "sum", r => r.V, All, Dominance: true),
            ],
            SinglePass: true),
        new(
            """
            WITH grp AS (SELECT participant_id, CASE WHEN max(w) > 5 THEN 'high' ELSE 'low' END AS level FROM obs GROUP BY participant_id)
            SELECT p.g3, g.level, count(*) AS n, sum(o.v) AS s, count(DISTINCT participant_id) AS persons
            FROM obs o JOIN people p USING (participant_id) JOIN grp g USING (participant_id)
            GROUP BY p.g3, g.level
            """,
            rows => rows.GroupBy(r => r.Person).SelectMany(person =>
            {
                var high = person.Any(r => r.W > 5) ? 1 : 0;
                return person.Select(r => new Row(r.Person, ObservationTable.PersonGroup(r.Person), high, r.V, r.W));
            }),
            r => [r.G1, r.G2 == 1 ? "high" : "low"],
            [
                new("n", "count*", _ => 0, All),
                new("s", "sum", r => r.V, All, Dominance: true),
                new("persons", "distinct", _ => 1, All),
            ],
            SinglePass: true),
        new(
            """
            SELECT p.g3, count(*) AS n, avg(o.w) AS m
            FROM obs o JOIN people p ON o.participant_id = p.participant_id
            WHERE o.participant_id IN (SELECT participant_id FROM obs WHERE v > 10)
            GROUP BY p.g3
            """,
            rows => rows.Where(r => rows.Any(x => x.Person == r.Person && x.V > 10)).Select(r => new Row(r.Person, ObservationTable.PersonGroup(r.Person), 0, r.V, r.W)),
            r => [r.G1],
            [
                new("n", "count*", _ => 0, All),
                new("m", "mean", r => r.W, All, Dominance: true),
            ],
            SinglePass: true),
        new(
            // Compares the pseudonym with text: stage 1 keeps the pseudonym views.
            "SELECT g1, count(*) AS n, sum(v) AS s FROM obs WHERE participant_id >= 'permit-p3' GROUP BY g1",
            rows => ObsRows(rows).Where(r => string.CompareOrdinal("permit-" + r.Person, "permit-p3") >= 0),
            r => [r.G1],
            [
                new("n", "count*", _ => 0, All),
                new("s", "sum", r => r.V, All, Dominance: true),
            ],
            SinglePass: true,
            Numbered: false),
    ];

    public sealed record RandomRun(List<Observation> Rows, HashSet<string> Excluded, int Shape)
    {
        public override string ToString() =>
            $"shape {Shape}, {Rows.Count} rows, excluded [{string.Join(",", Excluded)}]: " +
            string.Join("; ", Rows.Select(r => $"{r.Person}/{r.G1 ?? "∅"}/{r.G2}/{r.V?.ToString(CultureInfo.InvariantCulture) ?? "∅"}/{r.W?.ToString(CultureInfo.InvariantCulture) ?? "∅"}"));
    }

    public static class Generators
    {
        public static Arbitrary<RandomRun> Runs()
        {
            var row =
                from person in Gen.Choose(1, 8).Select(p => "p" + p.ToString(CultureInfo.InvariantCulture))
                from g1 in Gen.Elements("a", "b", null)
                from g2 in Gen.Elements(1, 2)
                from v in Gen.Frequency((1, Gen.Constant((int?)null)), (6, Gen.Choose(-5, 20).Select(x => (int?)x)))
                from w in Gen.Frequency((1, Gen.Constant((double?)null)), (5, Gen.Choose(-8, 40).Select(x => (double?)(x / 4.0))))
                select new Observation(person, g1, g2, v, w);
            var run =
                from n in Gen.Choose(0, 40)
                from rows in Gen.ListOf(row, n)
                from excluded in Gen.ListOf(Gen.Frequency((1, Gen.Constant(true)), (3, Gen.Constant(false))), 8)
                from shape in Gen.Choose(0, Shapes.Length - 1)
                select new RandomRun(
                    [.. rows],
                    [.. excluded.Select((e, i) => (e, "p" + (i + 1).ToString(CultureInfo.InvariantCulture))).Where(x => x.e).Select(x => x.Item2)],
                    shape);
            return Arb.From(run);
        }
    }
}
