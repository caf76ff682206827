using System.Globalization;
using System.Numerics;
using DuckDB.NET.Data;
using Gatekeeper.Disclosure.Privacy.Accounting;
using Gatekeeper.Disclosure.Privacy.Bounding;
using Gatekeeper.Disclosure.Privacy.Budget;
using Gatekeeper.Disclosure.Privacy.Floating;
using Gatekeeper.Disclosure.Privacy.Measurements;
using Gatekeeper.Disclosure.Privacy.Partitions;
using Gatekeeper.Disclosure.Privacy.Planning;
using Gatekeeper.Disclosure.Suppression;

namespace Gatekeeper.Disclosure.Tests.Privacy.Planning;

/// <summary>
/// The rewrite run on DuckDB over 100 people × 12 rows (4 in each of 3 groups; some NULL, NaN and ±∞
/// values), and the whole run order: spend → read → noise → cache.
/// </summary>
public sealed class DuckDbAggregateTests : IDisposable
{
    private static readonly PublicKeySet Groups = PublicKeySet.CrossProduct(["grp"], [["g0", "g1", "g2", "g9"]]);
    private readonly DuckDBConnection _db = new("Data Source=:memory:");

    public DuckDbAggregateTests()
    {
        _db.Open();
        Execute("""
            CREATE TABLE activity AS
            SELECT 'p' || (i // 12) AS person_id,
                   'g' || ((i // 4) % 3) AS grp,
                   CASE WHEN i % 50 = 0 THEN NULL
                        WHEN i % 51 = 0 THEN CAST('NaN' AS DOUBLE)
                        WHEN i % 53 = 0 THEN CAST('inf' AS DOUBLE)
                        WHEN i % 59 = 0 THEN CAST('-inf' AS DOUBLE)
                        ELSE (i % 97) * 1.37 - 20 END AS steps
            FROM range(0, 1200) t(i)
            """);

        // The same rows in another order, and a group outside the public keys.
        Execute("CREATE TABLE shuffled AS SELECT * FROM activity ORDER BY hash(steps, person_id, grp) DESC");
        Execute("INSERT INTO activity VALUES ('p0', 'secret-group', 5), ('p1', 'secret-group', 6)");
        Execute("INSERT INTO shuffled VALUES ('p1', 'secret-group', 6), ('p0', 'secret-group', 5)");

        // p2 with one row too many in g1: over the per-group cap of 4, while everyone else is within every cap.
        Execute("CREATE TABLE mixed AS SELECT * FROM activity WHERE grp <> 'secret-group'");
        Execute("INSERT INTO mixed VALUES ('p2', 'g1', 7.5), (NULL, 'g1', 3)");
    }

    public void Dispose() => _db.Dispose();

    [Fact]
    public void With_caps_that_do_not_bind_the_sums_equal_the_exact_clamped_lattice_sums()
    {
        var spec = Spec("activity", new ContributionBounds(12, 3, 4));
        var plan = DpAggregatePlanner.Plan(spec, salt: "k");
        var rows = Read(plan.Sql);
        var sum = plan.Measures.Single(m => m.Spec.Name == "steps").Sum!;

        // Reference in C#: impute NULL/NaN with the lower bound, clamp, round to the 1/16 lattice, add exactly.
        var reference = new Dictionary<string, (long Count, BigInteger Sum)>();
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT grp, steps FROM activity WHERE grp <> 'secret-group'";
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                var grp = reader.GetString(0);
                var value = reader.IsDBNull(1) ? double.NaN : reader.GetDouble(1);
                var contribution = sum.Integerise(double.IsNaN(value) ? sum.Bounds.Lower : value);
                var (count, total) = reference.GetValueOrDefault(grp);
                reference[grp] = (count + 1, total + contribution);
            }
        }

        Assert.Equal(3, rows.Count);
        foreach (var row in rows)
        {
            var (count, total) = reference[row.Key.Parts[0]!];
            Assert.Equal(count, row.Values[DpAggregateSql.RowCountColumn]);
            Assert.Equal(total, row.Values[DpAggregateSql.SumColumn(0)]);
            Assert.Equal(total, row.Values[DpAggregateSql.SumColumn(1)]); // the mean's sum: same column, bounds and lattice
        }
    }

    [Theory]
    [InlineData(5, 2, 4, 5)] // groups cap 2, 4 rows each → 8, total cap 5 → 5
    [InlineData(12, 2, 3, 6)] // 2 groups × 3 rows
    [InlineData(12, 1, 4, 4)]
    [InlineData(2, 3, 1, 2)]
    public void Binding_caps_keep_exactly_the_allowed_rows_whatever_the_row_order(int rows, int groups, int perGroup, int keptPerPerson)
    {
        var bounds = new ContributionBounds(rows, groups, perGroup);
        var plan = DpAggregatePlanner.Plan(Spec("activity", bounds), salt: "fixed");
        var result = Read(plan.Sql);
        Assert.Equal(100L * keptPerPerson, result.Aggregate(BigInteger.Zero, (t, r) => t + r.Values[DpAggregateSql.RowCountColumn]));
        Assert.DoesNotContain(result, r => r.Key.Parts[0] == "secret-group");

        // Same salt, other row order: the same rows are kept, so the same aggregates.
        var other = Read(DpAggregatePlanner.Plan(Spec("shuffled", bounds), salt: "fixed").Sql);
        Assert.Equal(Flatten(result), Flatten(other));
    }

    [Fact]
    public void Only_persons_over_a_cap_lose_rows()
    {
        var bounds = new ContributionBounds(12, 3, 4);
        var all = Read(DpAggregatePlanner.Plan(Spec("activity", bounds), salt: "m").Sql).ToDictionary(r => r.Key.Parts[0]!);
        var mixed = Read(DpAggregatePlanner.Plan(Spec("mixed", bounds), salt: "m").Sql).ToDictionary(r => r.Key.Parts[0]!);

        // g0 and g2 are untouched; g1 still has 4 rows per person (p2 lost one of its 5, the row without a person is dropped).
        Assert.Equal(all["g0"].Values, mixed["g0"].Values);
        Assert.Equal(all["g2"].Values, mixed["g2"].Values);
        Assert.Equal(400, mixed["g1"].Values[DpAggregateSql.RowCountColumn]);
        // The sum changed by the new row (7.5 → 120 lattice steps of 1/16) minus whichever of p2's five g1 rows was dropped.
        var sumDifference = mixed["g1"].Values[DpAggregateSql.SumColumn(0)] - all["g1"].Values[DpAggregateSql.SumColumn(0)];
        var allowed = P2RowsInG1().Append(120).Select(dropped => 120 - dropped).ToList();
        Assert.Contains(sumDifference, allowed);
    }

    [Fact]
    public void An_ungrouped_query_returns_its_single_row()
    {
        var spec = new DpQuerySpec("activity", "person_id", [], [DpMeasureSpec.Count("n")], new ContributionBounds(1, 1), new PublicGroupKeys(PublicKeySet.Ungrouped), PrivacyBudget.ApproximateDp(1, 0));
        var plan = DpAggregatePlanner.Plan(spec, salt: "u");
        var row = Assert.Single(Read(plan.Sql));
        Assert.Equal(100, row.Values[DpAggregateSql.RowCountColumn]); // 100 people, one row each (R = 1)
        var result = DpAggregateReleaser.Release(plan, Read(plan.Sql), SeededRandomSource.Sampler(3));
        Assert.Single(result.Rows);
    }

    [Fact]
    public async Task A_run_spends_first_reads_once_caches_and_refuses_before_reading_when_the_budget_is_gone()
    {
        var ledger = new InMemoryPrivacyBudgetLedger();
        await ledger.OpenAsync("P-9", PrivacyBudget.ApproximateDp(new Rational(3, 2), 0));
        var plan = DpAggregatePlanner.Plan(Spec("activity", new ContributionBounds(4, 2, 2)));
        var key = plan.CacheKey("activity@v1", "policy#1");
        var reads = 0;
        ValueTask<IReadOnlyList<AggregateRow>> Reader(string sql, CancellationToken ct)
        {
            reads++;
            return ValueTask.FromResult(Read(sql));
        }

        var first = await DpQueryRunner.RunAsync(plan, "P-9", key, ledger, Reader, ExactSampler());
        Assert.Equal(DpRunStatus.Released, first.Status);
        Assert.Equal(1, reads);

        // Every public key is released in the policy's order, including g9 that has no rows, and never the secret group.
        Assert.Equal(["g0", "g1", "g2", "g9"], first.Result!.Rows.Select(r => r.Key[0]));
        Assert.All(first.Result.Rows, r => Assert.Equal(3, r.Cells.Count));
        Assert.All(first.Result.Rows.SelectMany(r => r.Cells).Where(c => c.Kind != DpMeasureKind.Mean), c => Assert.True(c.HalfWidth > 0 && c.Low < c.Value && c.Value < c.High));
        Assert.Equal("ε 1, δ 0", first.Result.Cost);

        // Re-asked (a fresh plan with a new salt is the same query): the cached answer, no cost, no read.
        var again = DpAggregatePlanner.Plan(Spec("activity", new ContributionBounds(4, 2, 2)));
        var second = await DpQueryRunner.RunAsync(again, "P-9", again.CacheKey("activity@v1", "policy#1"), ledger, Reader, ExactSampler());
        Assert.Equal(DpRunStatus.Cached, second.Status);
        Assert.Equal(first.Result.ToJson(), second.Result!.ToJson());
        Assert.Equal(1, reads);

        // A different query costing ε = 1 with only 0.5 left: refused before the reader is called.
        var third = await DpQueryRunner.RunAsync(plan, "P-9", plan.CacheKey("activity@v2", "policy#1"), ledger, Reader, ExactSampler());
        Assert.Equal(DpRunStatus.Refused, third.Status);
        Assert.Null(third.Result);
        Assert.Equal(1, reads);
        Assert.Contains("ε 0.5, δ 0 remaining", third.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Partition_selection_releases_only_groups_with_enough_people()
    {
        var micro = new Rational(1, 1_000_000);
        var spec = Spec("activity", new ContributionBounds(4, 3, 2)) with { Keys = new ThresholdedGroupKeys(), Allotment = PrivacyBudget.Zcdp(2, micro) };
        var plan = DpAggregatePlanner.Plan(spec);
        var ledger = new InMemoryPrivacyBudgetLedger();
        await ledger.OpenAsync("P-10", PrivacyBudget.Zcdp(2, micro));
        var outcome = await DpQueryRunner.RunAsync(plan, "P-10", plan.CacheKey("v", "p"), ledger, (sql, _) => ValueTask.FromResult(Read(sql)), ExactSampler());

        // g0..g2 have about 100 people each, far above τ; the two-person secret group stays below it.
        Assert.True(plan.Selection!.Threshold > 2);
        Assert.Equal(["g0", "g1", "g2"], outcome.Result!.Rows.Select(r => r.Key[0]));
        Assert.All(outcome.Result.Rows, r => Assert.NotNull(r.NoisyPersons));
    }

    private static DpQuerySpec Spec(string table, ContributionBounds bounds) => new(
        table,
        "person_id",
        ["grp"],
        [DpMeasureSpec.Count("rows"), DpMeasureSpec.Sum("steps", "steps", new ClampBounds(-5, 100), new FloatLattice(-4)), DpMeasureSpec.Mean("steps_mean", "steps", new ClampBounds(-5, 100), new FloatLattice(-4))],
        bounds,
        new PublicGroupKeys(Groups),
        PrivacyBudget.ApproximateDp(1, 0));

    /// <summary>p2's original g1 rows in lattice units (imputed, clamped to [−5, 100], steps of 1/16).</summary>
    private List<BigInteger> P2RowsInG1()
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT steps FROM activity WHERE person_id = 'p2' AND grp = 'g1'";
        using var reader = cmd.ExecuteReader();
        var rows = new List<BigInteger>();
        while (reader.Read())
        {
            var value = reader.IsDBNull(0) || double.IsNaN(reader.GetDouble(0)) ? -5 : Math.Clamp(reader.GetDouble(0), -5, 100);
            rows.Add(new BigInteger(Math.Round(value * 16, MidpointRounding.AwayFromZero)));
        }

        return rows;
    }

    private static Gatekeeper.Disclosure.Privacy.Samplers.ExactSampler ExactSampler() => SeededRandomSource.Sampler(4242);

    private static List<string> Flatten(IReadOnlyList<AggregateRow> rows) =>
        [.. rows.Select(r => r.Key + ":" + string.Join(",", r.Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Key + "=" + v.Value.ToString(CultureInfo.InvariantCulture))))];

    private void Execute(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private IReadOnlyList<AggregateRow> Read(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var rows = new List<AggregateRow>();
        while (reader.Read())
        {
            var key = new List<string?>();
            var values = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var name = reader.GetName(i);
                var value = reader.GetValue(i);
                if (name.StartsWith("__gk_", StringComparison.Ordinal)) values[name] = value is BigInteger b ? b : new BigInteger(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                else key.Add(value as string);
            }

            rows.Add(new AggregateRow(new GroupKey(key), values));
        }

        return rows;
    }
}
