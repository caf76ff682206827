using BenchmarkDotNet.Attributes;
using Gatekeeper.Disclosure.Policies;
using Gatekeeper.Disclosure.Rules;
using Gatekeeper.Disclosure.Suppression;
using Gatekeeper.Disclosure.Tables;
using Gatekeeper.Disclosure.Verdicts;

namespace Gatekeeper.Benchmarks;

/// <summary>
/// Issue 7 target: checking a 1,000,000-cell output whose shadow statistics are already computed,
/// under the shipped default policy, in ≤ 0.5 s. Cells: 1000 × 1000 groups, a count, a sum with
/// per-person contribution statistics and a standard deviation; about 8% of cells fail a rule.
/// Also: mitigation (complementary suppression + exact recoverability check) of a 100 × 50 table with margins.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 7)]
public class TableCheckBenchmark
{
    private TableOutput _table = null!;
    private TableOutput _withMargins = null!;
    private TableVerdict _marginVerdict = null!;
    private DisclosurePolicy _policy = null!;

    [GlobalSetup]
    public void Setup()
    {
        _policy = DisclosurePolicyLoader.Load(RepositoryPaths.DefaultPolicy);
        _table = MillionCells(1000, 1000, seed: 7);
        _withMargins = WithMargins(100, 50, seed: 11);
        _marginVerdict = TableChecker.Check(_withMargins, _policy);
    }

    [Benchmark]
    public CheckStatus Check_1M_cells_default_policy() => TableChecker.Check(_table, _policy).Status;

    [Benchmark]
    public int Mitigate_100x50_with_margins() => TableMitigator.Mitigate(_marginVerdict, _policy.Tables).Count(CellTreatment.SecondarySuppressed);

    /// <summary>Builds the table column-wise, as a producer of large outputs would.</summary>
    public static TableOutput MillionCells(int rows, int cols, int seed)
    {
        var random = new Random(seed);
        var n = rows * cols;
        var rowCodes = new int[n];
        var colCodes = new int[n];
        var units = new long[n];
        var rowCounts = new long[n];
        var counts = new double[n];
        var sums = new double[n];
        var dominance = new DominanceStatistics[n];
        var sd = new double[n];
        var observations = new long[n];
        for (var i = 0; i < n; i++)
        {
            rowCodes[i] = i / cols;
            colCodes[i] = i % cols;
            var persons = random.Next(100) < 4 ? random.Next(0, 10) : random.Next(10, 400);
            units[i] = persons;
            rowCounts[i] = persons * 3L;
            counts[i] = persons;
            var largest = random.Next(100) < 3 ? 50_000m : 500m + random.Next(500);
            var second = persons > 1 ? 400m : 0m;
            var total = largest + second + (Math.Max(0, persons - 2) * 150m);
            dominance[i] = new DominanceStatistics(largest, second, total, random.Next(1000) == 0);
            sums[i] = (double)total;
            sd[i] = 1.5;
            observations[i] = rowCounts[i];
        }

        return new TableOutput(
            [new KeyColumn("region", Labels(rows, "r"), rowCodes), new KeyColumn("group", Labels(cols, "g"), colCodes)],
            [
                new MeasureColumn("n", MeasureKind.Count, counts),
                new MeasureColumn("total_cost", MeasureKind.Sum, sums, dominance),
                new MeasureColumn("sd_cost", MeasureKind.StandardDeviation, sd, observations: observations),
            ],
            units,
            rowCounts,
            hasUnitId: true);
    }

    private static TableOutput WithMargins(int rows, int cols, int seed)
    {
        var random = new Random(seed);
        var b = new TableOutputBuilder(["a", "b"]).Measure("n", MeasureKind.Count);
        var rowTotals = new long[rows];
        var colTotals = new long[cols];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                long v = random.Next(100) < 3 ? random.Next(1, 10) : random.Next(10, 200);
                rowTotals[r] += v;
                colTotals[c] += v;
                b.Add([$"r{r}", $"c{c}"], v, v, [new MeasureStatistics(v)]);
            }
        }

        for (var r = 0; r < rows; r++) b.Add([$"r{r}", KeyPart.All], rowTotals[r], rowTotals[r], [new MeasureStatistics(rowTotals[r])]);
        for (var c = 0; c < cols; c++) b.Add([KeyPart.All, $"c{c}"], colTotals[c], colTotals[c], [new MeasureStatistics(colTotals[c])]);
        var grand = rowTotals.Sum();
        b.Add([KeyPart.All, KeyPart.All], grand, grand, [new MeasureStatistics(grand)]);
        return b.Build();
    }

    private static string?[] Labels(int count, string prefix) => Enumerable.Range(0, count).Select(i => (string?)$"{prefix}{i}").ToArray();
}
