using System.Globalization;
using System.Text;
using Gatekeeper.Disclosure.Privacy.Bounding;
using Gatekeeper.Disclosure.Privacy.Measurements;
using Gatekeeper.Disclosure.Privacy.Partitions;

namespace Gatekeeper.Disclosure.Privacy.Planning;

/// <summary>
/// Writes the DuckDB rewrite of a DP aggregate, SmartNoise-style. Group columns are cast to text (after the
/// per-(person, group) grouping, so on totals rather than on every row); each
/// measured column is NULL/NaN-imputed, clamped with LEAST(GREATEST(x, lo), hi) and put on its lattice
/// (round(x · 2^−k) as BIGINT, so sums are exact HUGEINTs); rows without a person and rows outside a
/// public key set are dropped. Contribution bounding is exact but only pays for windows where it must:
/// rows are first summed per (person, group); a person within every cap keeps them all, so only persons
/// over a cap have their groups ranked (on those totals) and their rows ranked with ROW_NUMBER (per group,
/// then in all) over a salted hash, which depends on the person's own rows and never on row order. The result
/// per group: rows (Σ of kept rows), persons (number of (person, group) pairs) and the integer sums.
/// AVG never appears: a mean is the noisy sum over the noisy count.
/// </summary>
public static class DpAggregateSql
{
    public const string RowCountColumn = "__gk_rows";
    public const string PersonCountColumn = "__gk_persons";

    public static string SumColumn(int index) => "__gk_sum_" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The rewrite as one statement (what a plan is identified and cached by).</summary>
    public static string Build(DpQuerySpec spec, IReadOnlyList<SumMeasurement> sums, bool countPersons, string salt) =>
        Compose(spec, sums, countPersons, salt, NoIntegerColumns).Single;

    private static readonly IReadOnlySet<string> NoIntegerColumns = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// The rewrite as one statement and as the stages the visiting environment runs. <paramref name="integerColumns"/>:
    /// source columns known to hold integers, clamped and put on the lattice in integer arithmetic (the same values as
    /// the floating-point expression gives them, without converting every row to a double and back).
    /// </summary>
    public static DpAggregateStatements Compose(DpQuerySpec spec, IReadOnlyList<SumMeasurement> sums, bool countPersons, string salt, IReadOnlySet<string> integerColumns)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(sums);
        ArgumentNullException.ThrowIfNull(integerColumns);
        var bounds = spec.Bounds;
        var groups = spec.GroupColumns.Select((c, i) => (Source: c, Alias: "__gk_g" + i.ToString(CultureInfo.InvariantCulture))).ToList();

        // One lattice column per distinct (column, bounds, lattice, imputation): a sum and a mean of the same column share it.
        // An integer column's values are clamped per row and scaled to the lattice (× 2^−k) only where it is cheap: on the
        // per-(person, group) sums, and on the few rows the bounding windows rank (so they hash the lattice values).
        var lattice = new List<(string Expression, long Scale)>();
        var valueOf = new List<int>();
        foreach (var sum in sums)
        {
            var value = LatticeExpression(sum, spec, integerColumns.Contains(sum.Column));
            var index = lattice.IndexOf(value);
            if (index < 0)
            {
                index = lattice.Count;
                lattice.Add(value);
            }

            valueOf.Add(index);
        }

        string V(int i) => "__gk_v" + i.ToString(CultureInfo.InvariantCulture);
        string S(int i) => "__gk_s" + i.ToString(CultureInfo.InvariantCulture);
        var values = Enumerable.Range(0, lattice.Count).ToList();
        var saltLiteral = DuckDbSql.StringLiteral(salt);
        var groupList = string.Join(", ", groups.Select(g => g.Alias));
        string Scale(int i) => lattice[i].Scale.ToString(CultureInfo.InvariantCulture);
        string ScaledRow(int i) => lattice[i].Scale == 1 ? "__gk_rows." + V(i) : "CAST(__gk_rows." + V(i) + " AS BIGINT) * " + Scale(i);
        var valueList = string.Join(", ", values.Select(ScaledRow));
        var personAndGroups = groups.Count > 0 ? "__gk_person, " + groupList : "__gk_person";
        string Text(string prefix, string alias) => "CAST(" + prefix + alias + " AS VARCHAR)";
        var textPersonAndGroups = string.Concat(groups.Select(g => ", " + Text("", g.Alias) + " AS " + g.Alias)).Insert(0, "__gk_person");
        var partials = string.Concat(values.Select(i => ", sum(" + V(i) + ") AS " + S(i)));
        var partialNames = string.Concat(values.Select(i => ", " + (lattice[i].Scale == 1 ? S(i) : S(i) + " * " + Scale(i) + " AS " + S(i))));
        string HashOf(params string[] parts) => "hash(" + string.Join(", ", parts.Where(p => p.Length > 0).Append(saltLiteral)) + ")";

        var sql = new StringBuilder();

        // Not materialised: the persons-over-a-cap branch re-reads the rows, which costs almost nothing when nobody is over.
        sql.Append("WITH __gk_rows AS NOT MATERIALIZED (\n  SELECT ").Append(DuckDbSql.Identifier(spec.PersonColumn)).Append(" AS __gk_person");
        foreach (var (source, alias) in groups) sql.Append(",\n    ").Append(DuckDbSql.Identifier(source)).Append(" AS ").Append(alias);
        foreach (var i in values) sql.Append(",\n    ").Append(lattice[i].Expression).Append(" AS ").Append(V(i));
        sql.Append("\n  FROM ").Append(spec.Source).Append(" AS __gk_source\n  WHERE ").Append(DuckDbSql.Identifier(spec.PersonColumn)).Append(" IS NOT NULL\n)");

        // Only the public keys take part (a person's group cap is not spent on groups that are never released):
        // joined to the per-(person, group) totals and to the rows of persons over a cap, never to every row.
        var keyJoin = "";
        if (spec.Keys is PublicGroupKeys { Keys: var keys } && groups.Count > 0)
        {
            sql.Append(",\n__gk_keys AS (\n  SELECT * FROM (VALUES ");
            sql.AppendJoin(", ", keys.Keys.Select(k => "(" + string.Join(", ", k.Parts.Select(p => DuckDbSql.StringLiteral(p!))) + ")"));
            sql.Append(") AS __gk_k(").Append(string.Join(", ", groups.Select((_, i) => "__gk_k" + i.ToString(CultureInfo.InvariantCulture)))).Append(")\n)");
            keyJoin = " JOIN __gk_keys ON " + string.Join(" AND ", groups.Select((g, i) => "__gk_k" + i.ToString(CultureInfo.InvariantCulture) + " = " + g.Alias));
        }

        var head = sql.ToString();
        sql.Clear();

        // Per (person, group): rows and lattice sums, group values as text. Persons within every cap are done here.
        // Materialised (a CTE or the stage's table): it is read three times (caps, kept groups, result), and inlining it
        // would scan and group every row three times.
        var perPersonGroup = "SELECT __gk_totals.* FROM (\n    SELECT " + textPersonAndGroups + ", __gk_n" + partialNames
            + " FROM (\n      SELECT " + personAndGroups + ", count(*) AS __gk_n" + partials
            + "\n      FROM __gk_rows\n      GROUP BY " + personAndGroups + "\n    ) AS __gk_raw\n  ) AS __gk_totals" + keyJoin;
        var overCaps = "SELECT __gk_person FROM __gk_pg GROUP BY __gk_person\n  HAVING count(*) > " + Number(bounds.MaxGroupsPerPerson)
            + " OR max(__gk_n) > " + Number(bounds.MaxRowsPerGroup) + " OR sum(__gk_n) > " + Number(bounds.MaxRowsPerPerson);
        sql.Append(",\n__gk_over AS MATERIALIZED (\n  ").Append(overCaps).Append("\n)");

        // Persons over a cap: their groups ranked by a salted hash of (person, group) on the per-group totals (ties
        // broken by the group itself, so ranks are distinct), then their rows in the kept groups ranked by a salted
        // hash of the whole row, per group and in all. All of it depends on the person's own rows, never on row order.
        var rowHash = HashOf("__gk_rows.__gk_person", string.Join(", ", groups.Select(g => Text("__gk_rows.", g.Alias))), valueList);
        var heavyColumns = "__gk_rows.__gk_person" + string.Concat(groups.Select(g => ", " + Text("__gk_rows.", g.Alias) + " AS " + g.Alias)) + string.Concat(values.Select(i => ", " + ScaledRow(i) + " AS " + V(i)));
        if (groups.Count > 0)
        {
            sql.Append(",\n__gk_kept_groups AS (\n  SELECT ").Append(personAndGroups).Append(" FROM (\n    SELECT __gk_pg.").Append(personAndGroups)
                .Append(",\n      row_number() OVER (PARTITION BY __gk_pg.__gk_person ORDER BY ").Append(HashOf("__gk_pg.__gk_person", groupList)).Append(", ").Append(groupList).Append(") AS __gk_group_rank")
                .Append("\n    FROM __gk_pg SEMI JOIN __gk_over ON __gk_over.__gk_person = __gk_pg.__gk_person\n  ) WHERE __gk_group_rank <= ").Append(Number(bounds.MaxGroupsPerPerson)).Append("\n)");
            sql.Append(",\n__gk_heavy_rows AS (\n  SELECT ").Append(heavyColumns).Append(", ").Append(rowHash).Append(" AS __gk_h\n  FROM __gk_rows JOIN __gk_kept_groups ON __gk_kept_groups.__gk_person = __gk_rows.__gk_person")
                .Append(string.Concat(groups.Select(g => " AND __gk_kept_groups." + g.Alias + " = " + Text("__gk_rows.", g.Alias)))).Append("\n)");
        }
        else
        {
            sql.Append(",\n__gk_heavy_rows AS (\n  SELECT ").Append(heavyColumns).Append(", ").Append(rowHash).Append(" AS __gk_h\n  FROM __gk_rows SEMI JOIN __gk_over ON __gk_over.__gk_person = __gk_rows.__gk_person\n)");
        }

        // A 64-bit hash tie between two different rows of one person is broken by their values (then arbitrarily, which
        // costs order independence with negligible probability and never the bound).
        var rowOrder = "__gk_h" + string.Concat(values.Select(i => ", " + V(i)));
        var perGroupCap = bounds.CapsRowsPerGroup && groups.Count > 0;
        sql.Append(",\n__gk_ranked AS (\n  SELECT *");
        if (perGroupCap) sql.Append(",\n    row_number() OVER (PARTITION BY ").Append(personAndGroups).Append(" ORDER BY ").Append(rowOrder).Append(") AS __gk_group_row");
        sql.Append("\n  FROM __gk_heavy_rows\n)");
        sql.Append(",\n__gk_capped AS (\n  SELECT *,\n    row_number() OVER (PARTITION BY __gk_person ORDER BY ").Append(rowOrder).Append(") AS __gk_person_row\n  FROM __gk_ranked");
        if (perGroupCap) sql.Append("\n  WHERE __gk_group_row <= ").Append(Number(bounds.MaxRowsPerGroup));
        sql.Append("\n)");
        sql.Append(",\n__gk_heavy AS (\n  SELECT ").Append(personAndGroups).Append(", count(*) AS __gk_n").Append(partials)
            .Append("\n  FROM __gk_capped\n  WHERE __gk_person_row <= ").Append(Number(bounds.MaxRowsPerPerson))
            .Append("\n  GROUP BY ").Append(personAndGroups).Append("\n)");
        sql.Append(",\n__gk_bounded AS (\n  SELECT __gk_pg.* FROM __gk_pg ANTI JOIN __gk_over ON __gk_over.__gk_person = __gk_pg.__gk_person\n  UNION ALL\n  SELECT * FROM __gk_heavy\n)");
        var bounding = sql.ToString();

        var outputs = groups.Select(g => g.Alias + " AS " + DuckDbSql.Identifier(g.Source)).ToList();
        outputs.Add("coalesce(sum(__gk_n), 0) AS " + RowCountColumn);
        if (countPersons) outputs.Add("count(*) AS " + PersonCountColumn);
        outputs.AddRange(sums.Select((_, i) => "coalesce(sum(" + S(valueOf[i]) + "), 0) AS " + SumColumn(i)));
        string Result(string from) => "\nSELECT " + string.Join(",\n  ", outputs) + "\nFROM " + from
            + (groups.Count > 0 ? "\nGROUP BY " + groupList + "\nORDER BY " + groupList : "");

        return new DpAggregateStatements(
            Single: head + ",\n__gk_pg AS MATERIALIZED (\n  " + perPersonGroup + "\n)" + bounding + Result("__gk_bounded"),
            PerPersonGroup: head + "\n" + perPersonGroup,
            OverCapsCount: "SELECT count(*) FROM (" + overCaps + ")",
            WithinCaps: Result(PerPersonGroupTable).TrimStart('\n'),
            Bounded: head + bounding + Result("__gk_bounded"));
    }

    /// <summary>The table the staged execution keeps the per-(person, group) totals in.</summary>
    public const string PerPersonGroupTable = "__gk_pg";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// round(clamp(impute(x)) · 2^−k) as BIGINT: the same as <see cref="SumMeasurement.Integerise"/> with NULL and NaN
    /// imputed; scale 1. For an integer column with whole bounds and imputation on a lattice of step ≤ 1: clamp(impute(x))
    /// in integers, with the scale 2^−k to multiply by (sums and ranked rows are scaled) — exact, and the same values as
    /// the floating-point form (which is exact on such values too).
    /// </summary>
    private static (string Expression, long Scale) LatticeExpression(SumMeasurement measure, DpQuerySpec spec, bool integerColumn)
    {
        var impute = spec.Measures.First(m => m.Name == measure.Name).Impute ?? measure.Bounds.Lower;
        if (integerColumn && IntegerLattice(measure, impute) is { } scale)
        {
            // Impute before clamping: DuckDB's least/greatest skip NULLs, so a missing value would silently become a bound.
            // (Per row, coalesce then least/greatest was the cheapest correct form measured; a CASE was slower.)
            return ("least(greatest(coalesce(" + DuckDbSql.Identifier(measure.Column) + ", " + Whole(impute) + "), "
                    + Whole(measure.Bounds.Lower) + "), " + Whole(measure.Bounds.Upper) + ")", scale);
        }

        var x = "CAST(" + DuckDbSql.Identifier(measure.Column) + " AS DOUBLE)";
        var imputed = "coalesce(CASE WHEN isnan(" + x + ") THEN NULL ELSE " + x + " END, " + DuckDbSql.DoubleLiteral(impute) + ")";
        var clamped = "least(greatest(" + imputed + ", " + DuckDbSql.DoubleLiteral(measure.Bounds.Lower) + "), " + DuckDbSql.DoubleLiteral(measure.Bounds.Upper) + ")";
        var factor = DuckDbSql.DoubleLiteral(Math.ScaleB(1.0, -measure.Lattice.Exponent));
        return ("CAST(round(" + clamped + " * " + factor + ") AS BIGINT)", 1);
    }

    /// <summary>2^−k when integer arithmetic gives the lattice values exactly and without overflow (per row); otherwise null.</summary>
    private static long? IntegerLattice(SumMeasurement measure, double impute)
    {
        var exponent = measure.Lattice.Exponent;
        if (exponent > 0 || exponent < -40) return null;
        double[] whole = [measure.Bounds.Lower, measure.Bounds.Upper, impute];
        var multiplier = 1L << -exponent;
        return whole.All(v => Math.Floor(v) == v && Math.Abs(v) * multiplier < Math.ScaleB(1.0, 62)) ? multiplier : null;
    }

    private static string Whole(double value) => ((long)value).ToString(CultureInfo.InvariantCulture);
}
