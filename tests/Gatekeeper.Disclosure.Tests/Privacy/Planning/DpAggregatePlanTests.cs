using Gatekeeper.Disclosure.Privacy.Accounting;
using Gatekeeper.Disclosure.Privacy.Bounding;
using Gatekeeper.Disclosure.Privacy.Budget;
using Gatekeeper.Disclosure.Privacy.Floating;
using Gatekeeper.Disclosure.Privacy.Partitions;
using Gatekeeper.Disclosure.Privacy.Planning;
using Gatekeeper.Disclosure.Suppression;

namespace Gatekeeper.Disclosure.Tests.Privacy.Planning;

/// <summary>The plan's costs (known before any data) and the shape of its DuckDB rewrite.</summary>
public sealed class DpAggregatePlanTests
{
    internal static readonly PublicKeySet Keys = PublicKeySet.CrossProduct(["prefecture", "band"], [["Tokyo", "Osaka"], ["40-49", "50-59"]]);

    internal static DpQuerySpec Spec(GroupKeyPolicy? keys = null, PrivacyBudget? allotment = null, ContributionBounds? bounds = null) => new(
        "activity",
        "person_id",
        ["prefecture", "band"],
        [
            DpMeasureSpec.Count("people_rows"),
            DpMeasureSpec.Sum("steps_total", "steps", new ClampBounds(0, 30_000), new FloatLattice(0)),
            DpMeasureSpec.Mean("hba1c_mean", "hba1c", new ClampBounds(4, 14), new FloatLattice(-8)),
        ],
        bounds ?? new ContributionBounds(3, 2, 2),
        keys ?? new PublicGroupKeys(Keys),
        allotment ?? PrivacyBudget.ApproximateDp(1, 0));

    [Fact]
    public void Costs_are_known_before_any_data_and_equal_the_allotment()
    {
        // Releases: the shared row count, two sums (steps, hba1c): ε = 1/3 each.
        var plan = DpAggregatePlanner.Plan(Spec(), salt: "s");
        Assert.Equal(PrivacyLoss.Pure(1), plan.Loss);
        Assert.Equal(PrivacyBudget.ApproximateDp(1, 0), plan.Charge);
        Assert.Equal(new Rational(1, 3), plan.RowCount!.Loss.Epsilon);
        Assert.All(plan.Measures.Where(m => m.Sum is not null), m => Assert.Equal(new Rational(1, 3), m.Sum!.Loss.Epsilon));
        Assert.Equal(3, plan.Mechanisms.Count);
        Assert.Contains(plan.Mechanisms, m => m.StartsWith("rows: discrete Laplace", StringComparison.Ordinal));

        // zCDP with partition selection: four releases at ρ/4, δ to the threshold.
        var micro = new Rational(1, 1_000_000);
        var z = DpAggregatePlanner.Plan(Spec(new ThresholdedGroupKeys(), PrivacyBudget.Zcdp(new Rational(1, 2), micro)), salt: "s");
        Assert.Equal(PrivacyLoss.ApproximateZcdp(new Rational(1, 2), micro), z.Loss);
        Assert.Equal(PrivacyBudget.Zcdp(new Rational(1, 2), micro), z.Charge);
        Assert.Equal(new Rational(1, 8), z.Selection!.Loss.Rho);
        Assert.Contains("discrete Gaussian", z.Mechanisms[0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_rewrite_clamps_integerises_caps_contributions_and_never_averages()
    {
        var sql = DpAggregatePlanner.Plan(Spec(), salt: "pepper").Sql;
        Assert.DoesNotContain("avg(", sql, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("least(greatest(coalesce(CASE WHEN isnan(CAST(\"steps\" AS DOUBLE)) THEN NULL ELSE CAST(\"steps\" AS DOUBLE) END, CAST('0' AS DOUBLE)), CAST('0' AS DOUBLE)), CAST('30000' AS DOUBLE))", sql, StringComparison.Ordinal);
        Assert.Contains("CAST(round(least(greatest(", sql, StringComparison.Ordinal);
        Assert.Contains("* CAST('256' AS DOUBLE)) AS BIGINT) AS __gk_v1", sql, StringComparison.Ordinal);
        Assert.Contains("WHERE \"person_id\" IS NOT NULL", sql, StringComparison.Ordinal);

        // Per (person, group) totals; persons over a cap found from them; only their rows ranked.
        Assert.Contains("SELECT __gk_person, __gk_g0, __gk_g1, count(*) AS __gk_n, sum(__gk_v0) AS __gk_s0, sum(__gk_v1) AS __gk_s1", sql, StringComparison.Ordinal);
        // Group values become text on the totals, not on every row.
        Assert.Contains("SELECT __gk_person, CAST(__gk_g0 AS VARCHAR) AS __gk_g0, CAST(__gk_g1 AS VARCHAR) AS __gk_g1, __gk_n, __gk_s0, __gk_s1 FROM (", sql, StringComparison.Ordinal);
        Assert.Contains("HAVING count(*) > 2 OR max(__gk_n) > 2 OR sum(__gk_n) > 3", sql, StringComparison.Ordinal);
        Assert.Contains("row_number() OVER (PARTITION BY __gk_pg.__gk_person ORDER BY hash(__gk_pg.__gk_person, __gk_g0, __gk_g1, 'pepper'), __gk_g0, __gk_g1) AS __gk_group_rank", sql, StringComparison.Ordinal);
        Assert.Contains("FROM __gk_pg SEMI JOIN __gk_over", sql, StringComparison.Ordinal);
        Assert.Contains("WHERE __gk_group_rank <= 2", sql, StringComparison.Ordinal);
        Assert.Contains("hash(__gk_rows.__gk_person, CAST(__gk_rows.__gk_g0 AS VARCHAR), CAST(__gk_rows.__gk_g1 AS VARCHAR), __gk_rows.__gk_v0, __gk_rows.__gk_v1, 'pepper') AS __gk_h", sql, StringComparison.Ordinal);
        Assert.Contains("FROM __gk_rows JOIN __gk_kept_groups ON __gk_kept_groups.__gk_person = __gk_rows.__gk_person AND __gk_kept_groups.__gk_g0 = CAST(__gk_rows.__gk_g0 AS VARCHAR) AND __gk_kept_groups.__gk_g1 = CAST(__gk_rows.__gk_g1 AS VARCHAR)", sql, StringComparison.Ordinal);
        Assert.Contains("row_number() OVER (PARTITION BY __gk_person, __gk_g0, __gk_g1 ORDER BY __gk_h, __gk_v0, __gk_v1) AS __gk_group_row", sql, StringComparison.Ordinal);
        Assert.Contains("row_number() OVER (PARTITION BY __gk_person ORDER BY __gk_h, __gk_v0, __gk_v1) AS __gk_person_row", sql, StringComparison.Ordinal);
        Assert.Contains("FROM __gk_heavy_rows", sql, StringComparison.Ordinal);
        Assert.Contains("WHERE __gk_group_row <= 2", sql, StringComparison.Ordinal);
        Assert.Contains("WHERE __gk_person_row <= 3", sql, StringComparison.Ordinal);
        Assert.Contains("WITH __gk_rows AS NOT MATERIALIZED (", sql, StringComparison.Ordinal);
        Assert.Contains(") AS __gk_totals JOIN __gk_keys ON __gk_k0 = __gk_g0 AND __gk_k1 = __gk_g1", sql, StringComparison.Ordinal);
        Assert.Contains("FROM __gk_pg ANTI JOIN __gk_over", sql, StringComparison.Ordinal);
        Assert.Contains("UNION ALL", sql, StringComparison.Ordinal);
        Assert.Contains("coalesce(sum(__gk_n), 0) AS __gk_rows", sql, StringComparison.Ordinal);
        Assert.Contains("coalesce(sum(__gk_s0), 0) AS __gk_sum_0", sql, StringComparison.Ordinal);
        Assert.Contains("coalesce(sum(__gk_s1), 0) AS __gk_sum_1", sql, StringComparison.Ordinal);
        Assert.Contains("(VALUES ('Osaka', '40-49'), ('Osaka', '50-59'), ('Tokyo', '40-49'), ('Tokyo', '50-59'))", sql, StringComparison.Ordinal);
        Assert.Contains("GROUP BY __gk_g0, __gk_g1", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("__gk_persons", sql, StringComparison.Ordinal);

        var thresholded = DpAggregatePlanner.Plan(Spec(new ThresholdedGroupKeys(), PrivacyBudget.ApproximateDp(1, new Rational(1, 1_000_000))), salt: "pepper").Sql;
        Assert.Contains("count(*) AS __gk_persons", thresholded, StringComparison.Ordinal);
        Assert.DoesNotContain("VALUES", thresholded, StringComparison.Ordinal);
    }

    [Fact]
    public void Identifiers_and_literals_are_quoted()
    {
        Assert.Equal("\"we\"\"ird\"", DuckDbSql.Identifier("we\"ird"));
        Assert.Equal("'O''Brien'", DuckDbSql.StringLiteral("O'Brien"));
        Assert.Equal("CAST('0.1' AS DOUBLE)", DuckDbSql.DoubleLiteral(0.1));
        Assert.Equal("CAST('1E-300' AS DOUBLE)", DuckDbSql.DoubleLiteral(1e-300));
        Assert.Throws<ArgumentException>(() => DuckDbSql.DoubleLiteral(double.NaN));
    }

    [Fact]
    public void Plans_that_would_be_unsafe_or_unanswerable_are_refused_with_a_reason()
    {
        Assert.Contains("δ > 0", Assert.Throws<ArgumentException>(() => DpAggregatePlanner.Plan(Spec(new ThresholdedGroupKeys()))).Message, StringComparison.Ordinal);
        Assert.Contains("per-person", Assert.Throws<ArgumentException>(() => DpAggregatePlanner.Plan(Spec() with { GroupColumns = ["person_id", "band"] })).Message, StringComparison.Ordinal);
        Assert.Contains("public key set", Assert.Throws<ArgumentException>(() => DpAggregatePlanner.Plan(Spec() with { GroupColumns = ["band"] })).Message, StringComparison.Ordinal);
        Assert.Contains("nothing to spend", Assert.Throws<ArgumentException>(() => DpAggregatePlanner.Plan(Spec(allotment: PrivacyBudget.ApproximateDp(0, 0)))).Message, StringComparison.Ordinal);
        Assert.Contains("needs clamping bounds", Assert.Throws<ArgumentException>(() => new DpMeasureSpec("s", DpMeasureKind.Sum, "x")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new DpMeasureSpec("s", DpMeasureKind.Sum, "x", new ClampBounds(0, 1), impute: 5));
    }

    [Fact]
    public void The_cache_key_ignores_the_random_salt_but_not_the_dataset_or_budget()
    {
        var a = DpAggregatePlanner.Plan(Spec()).CacheKey("v1", "policy-hash");
        var b = DpAggregatePlanner.Plan(Spec()).CacheKey("v1", "policy-hash");
        Assert.Equal(a, b);
        Assert.NotEqual(a, DpAggregatePlanner.Plan(Spec()).CacheKey("v2", "policy-hash"));
        Assert.NotEqual(a, DpAggregatePlanner.Plan(Spec(allotment: PrivacyBudget.ApproximateDp(2, 0))).CacheKey("v1", "policy-hash"));
        Assert.NotEqual(a, DpAggregatePlanner.Plan(Spec(bounds: new ContributionBounds(4, 2, 2))).CacheKey("v1", "policy-hash"));

        // A sum and a count ask the same SQL as a mean, but are another answer.
        var sumAndCount = Spec() with { Measures = [DpMeasureSpec.Count("n"), DpMeasureSpec.Sum("x", "hba1c", new ClampBounds(4, 14))] };
        var mean = Spec() with { Measures = [DpMeasureSpec.Mean("x", "hba1c", new ClampBounds(4, 14))] };
        Assert.Equal(
            DpAggregatePlanner.Plan(sumAndCount, salt: "s").Sql,
            DpAggregatePlanner.Plan(mean, salt: "s").Sql);
        Assert.NotEqual(DpAggregatePlanner.Plan(sumAndCount).CacheKey("v1", "p"), DpAggregatePlanner.Plan(mean).CacheKey("v1", "p"));
    }
}
