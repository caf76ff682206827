using System.Text.Json.Nodes;
using Gatekeeper.Disclosure.Policies;
using Gatekeeper.Disclosure.Privacy.Bounding;
using Gatekeeper.Disclosure.Privacy.Floating;
using Gatekeeper.Disclosure.Privacy.Partitions;
using Gatekeeper.Disclosure.Privacy.Planning;
using Gatekeeper.VisitingEnvironment.Queries;

namespace Gatekeeper.VisitingEnvironment.Privacy;

/// <summary>
/// Turns a researcher's aggregate query into the DP planner's <see cref="DpQuerySpec"/>, from its parse tree alone (no
/// data): one SELECT over a permit table (or tables joined USING the person column, so every row still belongs to one
/// person), an optional row filter, GROUP BY row-level expressions, and count(*), sum(column) and avg(column) with the
/// column's clamping bounds from the policy. The spec's source is the query's FROM and WHERE with the person, the group
/// expressions and the aggregated columns selected. Anything else is refused with a problem that names the construct.
/// </summary>
internal static class DpQueryTranslator
{
    /// <summary>The person column as the rewritten query's source names it.</summary>
    public const string PersonColumn = "__gk_person_id";

    private static readonly HashSet<string> Supported = new(StringComparer.OrdinalIgnoreCase) { "count_star", "count", "sum", "avg", "mean" };

    private static readonly HashSet<string> OtherAggregates = new(StringComparer.OrdinalIgnoreCase)
    {
        "min", "max", "median", "quantile", "quantile_cont", "quantile_disc", "mode", "stddev", "stddev_pop", "stddev_samp", "variance",
        "var_pop", "var_samp", "arg_min", "arg_max", "min_by", "max_by", "first", "last", "any_value", "list", "array_agg", "string_agg",
        "product", "bit_and", "bit_or", "bool_and", "bool_or", "approx_count_distinct", "approx_quantile", "histogram", "corr", "covar_pop",
        "covar_samp", "regr_slope", "entropy", "kurtosis", "skewness", "favg", "fsum", "sumkahan", "kahan_sum", "geomean", "count_if",
    };

    public static DpQuerySpec? Translate(IReadOnlyList<JsonObject> statements, DuckDbSqlParser parser, QueryScope scope, DifferentialPrivacyPolicy policy, List<QueryProblem> problems)
    {
        if (statements.Count != 1)
        {
            problems.Add(new QueryProblem("dp-statements", $"{statements.Count} statements",
                "A run over a dataset that requires differential privacy answers one SELECT … GROUP BY statement; send each aggregate as its own run."));
            return null;
        }

        var statement = statements[0];
        var node = SqlTree.Node(statement);
        void Refuse(string code, string subject, string message) => problems.Add(new QueryProblem(code, subject, message));
        if (SqlTree.Type(node) != "SELECT_NODE")
        {
            Refuse("dp-shape", "UNION / INTERSECT / EXCEPT", "UNION, INTERSECT and EXCEPT cannot be released under differential privacy here: write one SELECT … GROUP BY.");
            return null;
        }

        if (node["cte_map"]?["map"] is JsonArray { Count: > 0 })
            Refuse("dp-cte", "WITH", "WITH clauses cannot be used in a DP query: the rewrite needs every row of the source to belong to one person. Filter with WHERE and join permit tables USING the person column instead.");
        foreach (var modifier in node["modifiers"]!.AsArray().OfType<JsonObject>())
        {
            switch (SqlTree.Type(modifier))
            {
                case "ORDER_MODIFIER":
                    Refuse("dp-order", "ORDER BY", "ORDER BY is not part of a DP query: released groups come in the policy's key order (public keys) or sorted by key.");
                    break;
                case "DISTINCT_MODIFIER":
                    Refuse("dp-distinct", "SELECT DISTINCT", "SELECT DISTINCT cannot be released under differential privacy: group with GROUP BY and count(*).");
                    break;
                default:
                    Refuse("dp-limit", "LIMIT / OFFSET", "LIMIT and OFFSET are not part of a DP query: which groups are released is decided by the policy's keys or by partition selection.");
                    break;
            }
        }

        if (node["having"] is JsonObject) Refuse("dp-having", "HAVING", "HAVING filters on true aggregates and would leak them: drop it and filter the noisy result after the release.");
        if (node["qualify"] is JsonObject) Refuse("dp-qualify", "QUALIFY", "QUALIFY is not part of a DP query.");
        if (node["sample"] is JsonObject) Refuse("dp-sample", "USING SAMPLE", "USING SAMPLE is not part of a DP query (a random sample would need its own privacy accounting).");
        if (SqlTree.Objects(node).Any(o => SqlTree.Class(o) == "SUBQUERY"))
            Refuse("dp-subquery", "subquery", "Subqueries cannot be used in a DP query: they let one person's rows decide about other persons' rows. Filter each row on its own values.");
        if (SqlTree.Objects(node).Any(o => SqlTree.Class(o) == "WINDOW"))
            Refuse("dp-window", "window function", "Window functions cannot be used in a DP query: they mix rows of different persons.");
        if (node["from_table"] is not JsonObject from)
        {
            Refuse("dp-from", "FROM", "A DP query reads a permit table: add FROM <table>.");
            return null;
        }

        CheckFrom(from, scope, Refuse);
        if (node["group_sets"] is JsonArray { Count: > 1 })
            Refuse("dp-grouping-sets", "GROUPING SETS", "GROUPING SETS, ROLLUP and CUBE are not supported in DP queries: send each grouping as its own run.");
        if (problems.Count > 0) return null;

        // Output items: aggregate calls (measures) or group expressions.
        var select = node["select_list"]!.AsArray().Select(i => i!.AsObject()).ToList();
        var measures = new List<(DpMeasureSpec Spec, JsonObject? Argument)>();
        var groupItems = new List<int>();
        for (var i = 0; i < select.Count; i++)
        {
            var item = select[i];
            var name = SqlTree.Text(item, "function_name");
            if (SqlTree.Class(item) == "FUNCTION" && Supported.Contains(name))
            {
                if (Measure(item, policy, Refuse) is { } measure) measures.Add((measure.Spec, measure.Argument));
            }
            else if (SqlTree.Objects(item).Any(o => SqlTree.Class(o) == "FUNCTION" && (Supported.Contains(SqlTree.Text(o, "function_name")) || OtherAggregates.Contains(SqlTree.Text(o, "function_name")))))
            {
                Refuse("dp-aggregate", SqlTree.Describe(item),
                    $"The output column {SqlTree.Describe(item)} cannot be released under differential privacy here: a DP query publishes count(*), sum(column) and avg(column) as they are (no min, max, medians or other statistics, and no expressions around an aggregate such as round(avg(x)) — round after the release).");
            }
            else
            {
                groupItems.Add(i);
            }
        }

        if (measures.Count == 0 && problems.Count == 0)
            Refuse("dp-no-aggregate", "SELECT", "A DP query needs at least one of count(*), sum(column) or avg(column).");

        // Group expressions: as written in GROUP BY (positions resolved), or every non-aggregate item under GROUP BY ALL.
        var groups = new List<JsonObject>();
        if (SqlTree.Text(node, "aggregate_handling") == "FORCE_AGGREGATES")
        {
            groups.AddRange(groupItems.Select(i => select[i]));
        }
        else
        {
            foreach (var g in node["group_expressions"]!.AsArray().Select(e => e!.AsObject()))
            {
                if (SqlTree.IntegerValue(g) is { } position && position >= 1 && position <= select.Count) groups.Add(select[(int)position - 1]);
                else if (SqlTree.Class(g) == "COLUMN_REF" && SqlTree.ColumnNames(g).Count == 1 && select.Find(s => string.Equals(SqlTree.Text(s, "alias"), SqlTree.ColumnName(g), StringComparison.OrdinalIgnoreCase)) is { } aliased) groups.Add(aliased);
                else groups.Add(g);
            }
        }

        foreach (var i in groupItems.Where(i => !groups.Exists(g => ReferenceEquals(g, select[i]) || SqlTree.Equivalent(g, select[i]))))
            Refuse("dp-ungrouped", SqlTree.Describe(select[i]), $"The output column {SqlTree.Describe(select[i])} is neither a GROUP BY expression nor count(*), sum(column) or avg(column).");
        var groupNames = new List<string>();
        foreach (var g in groups)
        {
            if (!select.Exists(s => ReferenceEquals(s, g) || SqlTree.Equivalent(s, g)))
            {
                Refuse("dp-group-output", SqlTree.Describe(g), $"The GROUP BY expression {SqlTree.Describe(g)} must also be an output column (its values are the released keys).");
                continue;
            }

            if (SqlTree.Objects(g).Any(o => SqlTree.Class(o) == "COLUMN_REF" && string.Equals(SqlTree.ColumnName(o), scope.UnitColumn, StringComparison.OrdinalIgnoreCase)))
            {
                Refuse("dp-person", scope.UnitColumn, $"Grouping by the person column {scope.UnitColumn} would release per-person values; a DP query groups persons.");
                continue;
            }

            var name = OutputName(g);
            if (name is null)
            {
                Refuse("dp-group-name", SqlTree.Describe(g), $"Give the GROUP BY expression {SqlTree.Describe(g)} a name (… AS name) so that the policy's public keys can be looked up for it.");
                continue;
            }

            groupNames.Add(name);
        }

        if (problems.Count > 0) return null;
        var duplicate = groupNames.Concat(measures.Select(m => m.Spec.Name)).GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            Refuse("dp-names", duplicate.Key, $"The output name {duplicate.Key} is used twice: give each column its own alias.");
            return null;
        }

        GroupKeyPolicy keys;
        if (groupNames.Count == 0)
        {
            keys = new PublicGroupKeys(PublicKeySet.Ungrouped);
        }
        else if (groupNames.All(policy.PublicKeys.ContainsKey))
        {
            keys = new PublicGroupKeys(PublicKeySet.CrossProduct(groupNames, [.. groupNames.Select(n => policy.PublicKeys[n])]));
        }
        else if (policy.PartitionSelection)
        {
            keys = new ThresholdedGroupKeys();
        }
        else
        {
            var missing = groupNames.First(n => !policy.PublicKeys.ContainsKey(n));
            Refuse("dp-keys", missing, $"The policy lists no public keys for the group column {missing} and does not allow partition selection: group by {(policy.PublicKeys.Count == 0 ? "nothing (an overall total)" : string.Join(", ", policy.PublicKeys.Keys))} only.");
            return null;
        }

        // The source: the query's own FROM and WHERE, selecting the person, the group expressions and the aggregated columns.
        var source = statement.DeepClone().AsObject();
        var sourceNode = SqlTree.Node(source);
        // The person as the hidden per-run person number where the FROM can be traced to one person per row (as for the
        // shadow statistics): grouping and hashing tens of millions of rows by an integer is far cheaper than by the
        // pseudonym; otherwise the pseudonym itself. Both name the same person.
        var person = UnitExposure.Expose(sourceNode, scope) ?? SqlTree.ColumnRef(scope.UnitColumn);
        var items = new JsonArray { SqlTree.WithAlias(person, PersonColumn) };
        for (var i = 0; i < groups.Count; i++) items.Add(SqlTree.WithAlias(groups[i].DeepClone().AsObject(), groupNames[i]));
        foreach (var (spec, argument) in measures.Where(m => m.Argument is not null))
        {
            if (items.OfType<JsonObject>().Any(o => SqlTree.Text(o, "alias") == spec.Column)) continue;
            items.Add(SqlTree.WithAlias(argument!.DeepClone().AsObject(), spec.Column!));
        }

        sourceNode["select_list"] = items;
        sourceNode["group_expressions"] = new JsonArray();
        sourceNode["group_sets"] = new JsonArray();
        sourceNode["aggregate_handling"] = "STANDARD_HANDLING";
        var sql = parser.ToSql(source).TrimEnd(';', ' ', '\n');
        return new DpQuerySpec("(" + sql + ")", PersonColumn, groupNames, [.. measures.Select(m => m.Spec)],
            new ContributionBounds(policy.MaxRowsPerPerson, policy.MaxGroupsPerPerson, policy.MaxRowsPerGroup), keys, policy.Allotment());
    }

    private static (DpMeasureSpec Spec, JsonObject? Argument)? Measure(JsonObject call, DifferentialPrivacyPolicy policy, Action<string, string, string> refuse)
    {
        var function = SqlTree.Text(call, "function_name").ToLowerInvariant();
        var described = SqlTree.Describe(call);
        var children = call["children"]!.AsArray().OfType<JsonObject>().ToList();
        if (call["distinct"]?.GetValue<bool>() == true)
        {
            refuse("dp-distinct", described, $"{function}(DISTINCT …) cannot be released under differential privacy here: count or sum rows, each person's contribution is bounded by the policy.");
            return null;
        }

        if (call["filter"] is JsonObject)
        {
            refuse("dp-filter", described, $"FILTER (WHERE …) on {function}() is not supported in a DP query: filter with WHERE (one run per filter).");
            return null;
        }

        var alias = SqlTree.Text(call, "alias");
        if (function == "count_star" || (function == "count" && children.Count == 1 && SqlTree.Class(children[0]) == "STAR"))
            return (DpMeasureSpec.Count(alias.Length > 0 ? alias : "count"), null);
        if (function == "count")
        {
            refuse("dp-count-column", described, "count(column) counts non-missing values, which the DP rewrite does not support: use count(*) with WHERE column IS NOT NULL.");
            return null;
        }

        if (children.Count != 1 || SqlTree.Class(children[0]) != "COLUMN_REF")
        {
            refuse("dp-argument", described, $"{function}() in a DP query takes one column of a permit table, whose clamping bounds the policy gives (not an expression).");
            return null;
        }

        var column = SqlTree.ColumnName(children[0]);
        var bounds = policy.Bounds.FirstOrDefault(b => string.Equals(b.Key, column, StringComparison.OrdinalIgnoreCase));
        if (bounds.Value is null)
        {
            refuse("dp-bounds", column, $"The policy gives no clamping bounds for the column {column}, so {function}({column}) cannot be made differentially private (bounds must come from the policy, never from the data). Columns with bounds: {(policy.Bounds.Count == 0 ? "none" : string.Join(", ", policy.Bounds.Keys))}.");
            return null;
        }

        var kind = function == "sum" ? DpMeasureKind.Sum : DpMeasureKind.Mean;
        var name = alias.Length > 0 ? alias : (kind == DpMeasureKind.Sum ? "sum_" : "avg_") + column;
        var clamp = new ClampBounds(bounds.Value.Lower, bounds.Value.Upper);
        return (new DpMeasureSpec(name, kind, "__gk_m_" + bounds.Key, clamp, impute: bounds.Value.Impute), children[0]);
    }

    private static void CheckFrom(JsonObject table, QueryScope scope, Action<string, string, string> refuse)
    {
        switch (SqlTree.Type(table))
        {
            case "BASE_TABLE":
                break;
            case "JOIN":
                var join = SqlTree.Text(table, "join_type");
                var usingColumns = table["using_columns"] is JsonArray u ? u.Select(c => c!.GetValue<string>()).ToList() : [];
                if (join is not ("INNER" or "LEFT") || SqlTree.Text(table, "ref_type") is not ("REGULAR" or "") || usingColumns.Count != 1
                    || !string.Equals(usingColumns[0], scope.UnitColumn, StringComparison.OrdinalIgnoreCase) || table["condition"] is JsonObject)
                {
                    refuse("dp-join", "JOIN", $"In a DP query tables can only be joined USING ({scope.UnitColumn}) (inner or left): any other join can copy one person's rows into other persons' results.");
                    return;
                }

                CheckFrom(table["left"]!.AsObject(), scope, refuse);
                CheckFrom(table["right"]!.AsObject(), scope, refuse);
                break;
            default:
                refuse("dp-from", SqlTree.Type(table) ?? "FROM", "A DP query reads permit tables by name (FROM table, optionally joined USING the person column); subqueries and table functions are not supported.");
                break;
        }
    }

    private static string? OutputName(JsonObject expression)
    {
        var alias = SqlTree.Text(expression, "alias");
        if (alias.Length > 0) return alias;
        return SqlTree.Class(expression) == "COLUMN_REF" ? SqlTree.ColumnName(expression) : null;
    }
}
