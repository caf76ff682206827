using System.Globalization;
using System.Text;
using Gatekeeper.Disclosure.Privacy.Bounding;
using Gatekeeper.Disclosure.Privacy.Measurements;
using Gatekeeper.Disclosure.Privacy.Partitions;

namespace Gatekeeper.Disclosure.Privacy.Planning;

/// <summary>
/// Writes the DuckDB rewrite of a DP aggregate, SmartNoise-style: group columns cast to text; each
/// measured column NULL/NaN-imputed, clamped with LEAST(GREATEST(x, lo), hi), put on its lattice
/// (round(x · 2^−k) as BIGINT, so sums are exact HUGEINTs); rows outside a public key set dropped; each
/// person's groups capped with DENSE_RANK and rows with ROW_NUMBER over a salted hash (order-independent);
/// then COUNT(*), COUNT(DISTINCT person) and the integer SUMs per group. AVG never appears: a mean is the
/// noisy sum over the noisy count.
/// </summary>
public static class DpAggregateSql
{
    public const string RowCountColumn = "__gk_rows";
    public const string PersonCountColumn = "__gk_persons";

    public static string SumColumn(int index) => "__gk_sum_" + index.ToString(CultureInfo.InvariantCulture);

    public static string Build(DpQuerySpec spec, IReadOnlyList<SumMeasurement> sums, bool countPersons, string salt)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(sums);
        var bounds = spec.Bounds;
        var groups = spec.GroupColumns.Select((c, i) => (Source: c, Alias: "__gk_g" + i.ToString(CultureInfo.InvariantCulture))).ToList();
        var values = sums.Select((s, i) => (Measure: s, Alias: "__gk_v" + i.ToString(CultureInfo.InvariantCulture))).ToList();
        var saltLiteral = DuckDbSql.StringLiteral(salt);
        var groupAliases = string.Join(", ", groups.Select(g => g.Alias));
        var valueAliases = string.Join(", ", values.Select(v => v.Alias));
        string HashOf(params string[] parts) => "hash(" + string.Join(", ", parts.Where(p => p.Length > 0).Append(saltLiteral)) + ")";

        var sql = new StringBuilder();
        sql.Append("WITH __gk_rows AS (\n  SELECT ").Append(DuckDbSql.Identifier(spec.PersonColumn)).Append(" AS __gk_person");
        foreach (var (source, alias) in groups) sql.Append(",\n    CAST(").Append(DuckDbSql.Identifier(source)).Append(" AS VARCHAR) AS ").Append(alias);
        foreach (var (measure, alias) in values) sql.Append(",\n    ").Append(LatticeExpression(measure, spec)).Append(" AS ").Append(alias);
        sql.Append("\n  FROM ").Append(spec.Source).Append(" AS __gk_source\n)");

        var from = "__gk_rows";
        if (spec.Keys is PublicGroupKeys { Keys: var keys } && groups.Count > 0)
        {
            // Only the public keys take part: a person's group cap is not spent on groups that are never released.
            sql.Append(",\n__gk_keys AS (\n  SELECT * FROM (VALUES ");
            sql.AppendJoin(", ", keys.Keys.Select(k => "(" + string.Join(", ", k.Parts.Select(p => DuckDbSql.StringLiteral(p!))) + ")"));
            sql.Append(") AS __gk_k(").Append(string.Join(", ", groups.Select((_, i) => "__gk_k" + i.ToString(CultureInfo.InvariantCulture)))).Append(")\n)");
            sql.Append(",\n__gk_public AS (\n  SELECT * FROM __gk_rows WHERE EXISTS (SELECT 1 FROM __gk_keys WHERE ");
            sql.AppendJoin(" AND ", groups.Select((g, i) => "__gk_k" + i.ToString(CultureInfo.InvariantCulture) + " = " + g.Alias));
            sql.Append(")\n)");
            from = "__gk_public";
        }

        // Ranks: groups by a salted hash of (person, group), ties broken by the group itself so that ranks are distinct;
        // rows by a salted hash of the whole row. Both depend only on the person's own rows, never on row order.
        sql.Append(",\n__gk_ranked AS (\n  SELECT *");
        if (groups.Count > 0)
        {
            sql.Append(",\n    dense_rank() OVER (PARTITION BY __gk_person ORDER BY ").Append(HashOf("__gk_person", groupAliases)).Append(", ").Append(groupAliases).Append(") AS __gk_group_rank");
        }

        var rowOrder = HashOf("__gk_person", groupAliases, valueAliases) + string.Concat(groups.Select(g => ", " + g.Alias)) + string.Concat(values.Select(v => ", " + v.Alias));
        if (bounds.CapsRowsPerGroup && groups.Count > 0)
        {
            sql.Append(",\n    row_number() OVER (PARTITION BY __gk_person, ").Append(groupAliases).Append(" ORDER BY ").Append(rowOrder).Append(") AS __gk_group_row");
        }

        sql.Append("\n  FROM ").Append(from).Append("\n)");

        var conditions = new List<string>();
        if (groups.Count > 0) conditions.Add("__gk_group_rank <= " + bounds.MaxGroupsPerPerson.ToString(CultureInfo.InvariantCulture));
        if (bounds.CapsRowsPerGroup && groups.Count > 0) conditions.Add("__gk_group_row <= " + bounds.MaxRowsPerGroup.ToString(CultureInfo.InvariantCulture));
        sql.Append(",\n__gk_capped AS (\n  SELECT *,\n    row_number() OVER (PARTITION BY __gk_person ORDER BY ").Append(rowOrder).Append(") AS __gk_person_row\n  FROM __gk_ranked");
        if (conditions.Count > 0) sql.Append("\n  WHERE ").AppendJoin(" AND ", conditions);
        sql.Append("\n)");

        sql.Append("\nSELECT ");
        var outputs = groups.Select(g => g.Alias + " AS " + DuckDbSql.Identifier(g.Source)).ToList();
        outputs.Add("count(*) AS " + RowCountColumn);
        if (countPersons) outputs.Add("count(DISTINCT __gk_person) AS " + PersonCountColumn);
        outputs.AddRange(values.Select((v, i) => "coalesce(sum(" + v.Alias + "), 0) AS " + SumColumn(i)));
        sql.AppendJoin(",\n  ", outputs);
        sql.Append("\nFROM __gk_capped\nWHERE __gk_person_row <= ").Append(bounds.MaxRowsPerPerson.ToString(CultureInfo.InvariantCulture));
        if (groups.Count > 0) sql.Append("\nGROUP BY ").Append(groupAliases).Append("\nORDER BY ").Append(groupAliases);
        return sql.ToString();
    }

    /// <summary>round(clamp(impute(x)) · 2^−k) as BIGINT: the same as <see cref="SumMeasurement.Integerise"/> with NULL and NaN imputed.</summary>
    private static string LatticeExpression(SumMeasurement measure, DpQuerySpec spec)
    {
        var impute = spec.Measures.First(m => m.Name == measure.Name).Impute ?? measure.Bounds.Lower;
        var x = "CAST(" + DuckDbSql.Identifier(measure.Column) + " AS DOUBLE)";
        var imputed = "coalesce(CASE WHEN isnan(" + x + ") THEN NULL ELSE " + x + " END, " + DuckDbSql.DoubleLiteral(impute) + ")";
        var clamped = "least(greatest(" + imputed + ", " + DuckDbSql.DoubleLiteral(measure.Bounds.Lower) + "), " + DuckDbSql.DoubleLiteral(measure.Bounds.Upper) + ")";
        var scale = DuckDbSql.DoubleLiteral(Math.ScaleB(1.0, -measure.Lattice.Exponent));
        return "CAST(round(" + clamped + " * " + scale + ") AS BIGINT)";
    }
}
