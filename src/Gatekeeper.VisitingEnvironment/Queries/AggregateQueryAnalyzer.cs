using System.Globalization;
using System.Text.Json.Nodes;
using Gatekeeper.Disclosure.Tables;

namespace Gatekeeper.VisitingEnvironment.Queries;

/// <summary>
/// Reads the outermost query of an aggregate-statistics run: its cell dimensions (the GROUP BY expressions, each of
/// which must be an output column) and its measures (each output column with exactly one allowed aggregate), and
/// plans the shadow statistics: the query's rows grouped by cell and person in one pass, from which each cell's
/// persons, rows, and each measure's per-person contribution totals follow. The host calls <see cref="CheckShape"/>
/// to refuse early; the worker calls <see cref="Plan"/> with DuckDB's binding at hand.
/// </summary>
internal static class AggregateQueryAnalyzer
{
    public const string UnitAlias = "__gk_u";
    public const string RowsAlias = "__gk_rows";

    /// <summary>Refusals that need no binding: the host's early check.</summary>
    public static void CheckShape(JsonObject statement, QueryScope scope, List<QueryProblem> problems)
    {
        var node = SqlTree.Node(statement).DeepClone().AsObject();
        var shape = ReadShape(node, scope, null, problems);
        if (shape is null) return;
        var copy = node.DeepClone().AsObject();
        if (UnitExposure.Expose(copy, scope) is null) problems.Add(NoUnit(scope));
    }

    /// <summary>
    /// The worker's plan for one statement, or null with the problems. <paramref name="outputNames"/> are the
    /// query's output column names (DESCRIBE); <paramref name="fromColumns"/> lists the columns its outermost FROM
    /// provides (to tell a GROUP BY column from an output alias of the same name, as DuckDB does).
    /// </summary>
    public static AggregatePlan? Plan(
        JsonObject statement,
        QueryScope scope,
        DuckDbSqlParser parser,
        IReadOnlyList<string> outputNames,
        Func<JsonObject, IReadOnlySet<string>?> fromColumns,
        List<QueryProblem> problems)
    {
        var verbatimSql = parser.ToSql(statement);
        var node = SqlTree.Node(statement).DeepClone().AsObject();
        var shape = ReadShape(node, scope, fromColumns, problems);
        if (shape is null) return null;

        // Stage 1: one row per (cell, person) with the partial aggregates of every call.
        var stage1 = node.DeepClone().AsObject();
        stage1["modifiers"] = new JsonArray();
        stage1["having"] = null;
        stage1["qualify"] = null;
        stage1["sample"] = null;
        var unit = UnitExposure.Expose(stage1, scope);
        if (unit is null)
        {
            problems.Add(NoUnit(scope));
            return null;
        }

        var select = new JsonArray();
        for (var k = 0; k < shape.Dimensions.Count; k++) select.Add(SqlTree.WithAlias(shape.Dimensions[k].DeepClone().AsObject(), AggregatePlan.KeyColumn(k)));
        select.Add(SqlTree.WithAlias(unit, UnitAlias));
        select.Add(SqlTree.WithAlias(SqlTree.Function("count_star", []), RowsAlias));
        foreach (var call in shape.Calls)
        {
            var j = call.Index;
            // Rows considered and non-null values: the cell's rows unless the aggregate has a FILTER or an argument.
            if (call.Filter is not null) select.Add(SqlTree.WithAlias(SqlTree.Function("count_star", [], call.Filter), RowsOf(call)));
            if (call.Argument is not null) select.Add(SqlTree.WithAlias(SqlTree.Function("count", [call.Argument], call.Filter), ValuesOf(call)));
            if (call.NeedsContributions) select.Add(SqlTree.WithAlias(SqlTree.Function("sum", [call.Argument!], call.Filter), $"__gk_s{j}"));
            if (call.Kind is MeasureKind.Min or MeasureKind.Max)
                select.Add(SqlTree.WithAlias(SqlTree.Function(call.Kind == MeasureKind.Min ? "min" : "max", [call.Argument!], call.Filter), $"__gk_v{j}"));
        }

        stage1["select_list"] = select;
        stage1["group_expressions"] = new JsonArray();
        stage1["group_sets"] = new JsonArray();
        stage1["aggregate_handling"] = "FORCE_AGGREGATES";
        var numberedPersons = NumberedPersonViews.TryApply(stage1, scope);
        var stage1Sql = parser.NodeToSql(stage1);

        var cellSql = CellStatisticsSql(shape);

        // Single pass: the researcher's query evaluated over stage 1, when every aggregate combines from partials.
        string? resultFromStage1 = null;
        if (shape.Calls.All(c => c.Decomposable))
        {
            resultFromStage1 = RewriteOverStage1(node, shape, parser, outputNames);
        }

        return new AggregatePlan(shape.Columns, shape.Dimensions.Count, shape.Calls, verbatimSql, stage1Sql, cellSql, resultFromStage1, numberedPersons);
    }

    /// <summary>Whether an expression calls an aggregate function outside nested queries.</summary>
    public static bool HasAggregate(JsonObject expression) => AggregateCalls(expression).Any();

    /// <summary>The aggregate calls of an expression, outermost only (not inside another aggregate or a nested query).</summary>
    private static IEnumerable<JsonObject> AggregateCalls(JsonNode? root)
    {
        switch (root)
        {
            case JsonObject obj:
                if (SqlTree.Class(obj) == "FUNCTION" && SqlFunctions.Aggregates.Contains(SqlTree.Text(obj, "function_name")))
                {
                    yield return obj;
                    yield break;
                }

                foreach (var (name, child) in obj)
                {
                    if (name == SqlTree.SubqueryProperty) continue;
                    foreach (var c in AggregateCalls(child)) yield return c;
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var c in AggregateCalls(item)) yield return c;
                }

                break;
        }
    }

    private sealed record Shape(List<JsonObject> Dimensions, List<AggregateCall> Calls, List<OutputColumn> Columns);

    private static Shape? ReadShape(JsonObject node, QueryScope scope, Func<JsonObject, IReadOnlySet<string>?>? fromColumns, List<QueryProblem> problems)
    {
        var before = problems.Count;
        if (SqlTree.Type(node) != "SELECT_NODE")
        {
            problems.Add(new QueryProblem("outermost", SqlTree.Type(node) ?? "",
                "The outermost query must be one aggregation (SELECT … GROUP BY … with count, sum, avg, …): UNION, INTERSECT and EXCEPT of results are not allowed for aggregate statistics; run one query per table."));
            return null;
        }

        var modifiers = node["modifiers"]!.AsArray().OfType<JsonObject>().ToList();
        if (modifiers.Any(m => SqlTree.Type(m) == "DISTINCT_MODIFIER"))
            problems.Add(new QueryProblem("distinct", "SELECT DISTINCT", "SELECT DISTINCT is not allowed in the outermost query of aggregate statistics: each output row is already one cell of the GROUP BY."));
        if (node["qualify"] is JsonObject)
            problems.Add(new QueryProblem("qualify", "QUALIFY", "QUALIFY is not allowed in the outermost query of aggregate statistics."));
        if (node["sample"] is JsonObject)
            problems.Add(new QueryProblem("sample", "USING SAMPLE", "USING SAMPLE is not allowed for aggregate statistics: the disclosure checks must see exactly the rows behind each published number."));

        var selectList = node["select_list"]!.AsArray().Select(i => i!.AsObject()).ToList();
        foreach (var item in selectList)
        {
            foreach (var o in SqlTree.Objects(item, intoSubqueries: false))
            {
                if (SqlTree.Class(o) == "WINDOW")
                {
                    problems.Add(new QueryProblem("window", SqlTree.Describe(o),
                        $"The window function {SqlTree.Describe(o)} is not allowed in the output of aggregate statistics: publish plain aggregates and derive shares or ranks after release."));
                }
                else if (SqlTree.Class(o) == "STAR")
                {
                    problems.Add(new QueryProblem("row-level", "*",
                        "SELECT * returns rows, not aggregates: the aggregate-statistics tier publishes only GROUP BY dimensions with count, sum, avg, median, quantile, min, max, stddev or variance."));
                }
            }

            foreach (var o in OutsideAggregates(item).Where(o => SqlTree.Class(o) == "SUBQUERY"))
            {
                problems.Add(new QueryProblem("subquery-output", "subquery",
                    "A subquery in an output column is not allowed for aggregate statistics: its number would escape the disclosure checks. Compute it as an aggregate of its own."));
            }
        }

        var groupExpressions = node["group_expressions"]!.AsArray().Select(e => e!.AsObject()).ToList();
        if (node["group_sets"] is JsonArray sets && sets.Count > 1)
            problems.Add(new QueryProblem("grouping-sets", "GROUPING SETS", "ROLLUP, CUBE and GROUPING SETS are not supported yet: run one query per table (margins are checked by the disclosure rules as separate tables)."));

        // Aggregate calls of the output, HAVING and ORDER BY.
        var callNodes = new List<JsonObject>();
        callNodes.AddRange(selectList.SelectMany(i => AggregateCalls(i)));
        callNodes.AddRange(AggregateCalls(node["having"]));
        foreach (var order in modifiers.Where(m => SqlTree.Type(m) == "ORDER_MODIFIER"))
            callNodes.AddRange(AggregateCalls(order["orders"]));
        var calls = new List<AggregateCall>();
        foreach (var callNode in callNodes)
        {
            if (ReadCall(callNode, calls.Count, scope, problems) is { } call) calls.Add(call);
        }

        // Output columns: dimension candidates, measures (one aggregate each), constants.
        var measureOf = new Dictionary<int, AggregateCall>();
        var candidates = new List<int>();
        for (var i = 0; i < selectList.Count; i++)
        {
            var item = selectList[i];
            var inItem = AggregateCalls(item).ToList();
            if (inItem.Count > 1)
            {
                problems.Add(new QueryProblem("combined", ItemName(item),
                    $"The output column {ItemName(item)} combines {inItem.Count} aggregates: publish each aggregate as its own column (for example a sum and a count rather than their ratio)."));
            }
            else if (inItem.Count == 1)
            {
                var call = calls.FirstOrDefault(c => ReferenceEquals(c.Call, inItem[0]));
                if (call is not null) measureOf[i] = call;
            }
            else if (SqlTree.Objects(item, intoSubqueries: false).Any(o => SqlTree.Class(o) is "COLUMN_REF" or "SUBQUERY"))
            {
                candidates.Add(i);
            }
        }

        // The cells' dimensions: GROUP BY expressions with positions and output aliases resolved as DuckDB does.
        var dimensions = new List<JsonObject>();
        if (SqlTree.Text(node, "aggregate_handling") == "FORCE_AGGREGATES")
        {
            dimensions.AddRange(candidates.Select(i => selectList[i]));
        }
        else
        {
            IReadOnlySet<string>? columns = null;
            var columnsRead = false;
            foreach (var g in groupExpressions)
            {
                if (SqlTree.IntegerValue(g) is { } position)
                {
                    if (position < 1 || position > selectList.Count) continue;
                    dimensions.Add(selectList[(int)position - 1]);
                    continue;
                }

                if (SqlTree.Class(g) == "COLUMN_REF" && SqlTree.ColumnNames(g).Count == 1)
                {
                    var name = SqlTree.ColumnName(g);
                    var aliased = selectList.FirstOrDefault(i => string.Equals(SqlTree.Text(i, "alias"), name, StringComparison.OrdinalIgnoreCase));
                    if (aliased is not null && !SqlTree.Equivalent(aliased, g))
                    {
                        if (!columnsRead)
                        {
                            columns = fromColumns?.Invoke(node);
                            columnsRead = true;
                        }

                        var isColumn = columns is not null
                            ? columns.Contains(name)
                            : scope.Tables.Any(t => t.Variables.Contains(name, StringComparer.OrdinalIgnoreCase));
                        if (!isColumn)
                        {
                            dimensions.Add(aliased);
                            continue;
                        }
                    }
                }

                dimensions.Add(g);
            }
        }

        if (dimensions.Count == 0 && calls.Count == 0)
        {
            problems.Add(new QueryProblem("row-level", "SELECT",
                "The outermost query returns rows, not aggregates: the aggregate-statistics tier publishes only GROUP BY dimensions with count, sum, avg, median, quantile, min, max, stddev or variance."));
            return null;
        }

        var columnsOut = new List<OutputColumn>();
        var matched = new int[dimensions.Count];
        for (var i = 0; i < selectList.Count; i++)
        {
            var item = selectList[i];
            var name = ItemName(item);
            if (measureOf.TryGetValue(i, out var call))
            {
                columnsOut.Add(new OutputColumn(i, name, null, call));
            }
            else if (candidates.Contains(i))
            {
                var k = dimensions.FindIndex(d => ReferenceEquals(d, item) || SqlTree.Equivalent(d, item));
                if (k < 0)
                {
                    problems.Add(new QueryProblem("dimension", name,
                        $"The output column {name} is neither a GROUP BY expression nor an aggregate: group by exactly the expressions you output (GROUP BY ALL does this)."));
                    continue;
                }

                if (matched[k]++ > 0)
                    problems.Add(new QueryProblem("dimension", name, $"The GROUP BY expression {name} is output twice: output each dimension once."));
                columnsOut.Add(new OutputColumn(i, name, k, null));
            }
            else
            {
                columnsOut.Add(new OutputColumn(i, name, null, null));
            }
        }

        for (var k = 0; k < dimensions.Count; k++)
        {
            if (matched[k] == 0)
            {
                var name = SqlTree.Describe(dimensions[k]);
                problems.Add(new QueryProblem("dimension", name,
                    $"The GROUP BY expression {name} is not an output column: output every GROUP BY expression, so that each output row is one cell of the table."));
            }
        }

        return problems.Count > before ? null : new Shape(dimensions, calls, columnsOut);
    }

    private static AggregateCall? ReadCall(JsonObject call, int index, QueryScope scope, List<QueryProblem> problems)
    {
        var name = SqlTree.Text(call, "function_name").ToLowerInvariant();
        var shown = name == "count_star" ? "count(*)" : name + "()";
        if (!SqlFunctions.StatisticMeasures.TryGetValue(name, out var kind))
        {
            problems.Add(new QueryProblem("aggregate", shown,
                $"The aggregate {shown} cannot be published as aggregate statistics (it can return a person's own values): use count, sum, avg, median, quantile_cont/quantile_disc, min, max, stddev or variance."));
            return null;
        }

        var children = call["children"]!.AsArray().Select(c => c!.AsObject()).ToList();
        var distinct = call["distinct"]?.GetValue<bool>() == true;
        var filter = call["filter"] as JsonObject;
        if (call["order_bys"]?["orders"] is JsonArray orders && orders.Count > 0)
            problems.Add(new QueryProblem("aggregate-order", shown, $"ORDER BY inside {shown} is not supported for aggregate statistics."));

        JsonObject? argument = null;
        double? quantile = null;
        var expected = kind == MeasureKind.Quantile ? 2 : name == "count_star" ? 0 : 1;
        if (children.Count != expected)
        {
            problems.Add(new QueryProblem("aggregate-arguments", shown, kind == MeasureKind.Quantile
                ? $"{shown} takes the value and one quantile level, e.g. quantile_cont(x, 0.25); publish each level as its own column."
                : $"{shown} takes {expected} argument{(expected == 1 ? "" : "s")} here."));
            return null;
        }

        if (children.Count > 0) argument = children[0];
        if (kind == MeasureKind.Quantile)
        {
            quantile = SqlTree.NumericValue(children[1]);
            if (quantile is null or < 0 or > 1)
            {
                problems.Add(new QueryProblem("aggregate-arguments", shown, $"{shown} needs one quantile level between 0 and 1 written as a number, e.g. 0.25; publish each level as its own column."));
                return null;
            }
        }

        var countsUnits = false;
        var onUnit = argument is not null && SqlTree.Class(argument) == "COLUMN_REF"
            && string.Equals(SqlTree.ColumnName(argument), scope.UnitColumn, StringComparison.OrdinalIgnoreCase);
        if (kind == MeasureKind.Count)
        {
            countsUnits = distinct && onUnit;
        }
        else if (onUnit)
        {
            problems.Add(new QueryProblem("aggregate-unit", $"{name}({scope.UnitColumn})",
                $"{name}({scope.UnitColumn}) would publish a person's identifier: only count(DISTINCT {scope.UnitColumn}) is allowed on it."));
            return null;
        }

        if (distinct && kind is not (MeasureKind.Count or MeasureKind.Min or MeasureKind.Max))
        {
            problems.Add(new QueryProblem("aggregate-distinct", shown, $"DISTINCT inside {shown} is not supported for aggregate statistics: the contributions of each person could not be attributed."));
            return null;
        }

        return new AggregateCall(index, call, name, kind, argument, filter, distinct && kind == MeasureKind.Count, countsUnits, quantile);
    }

    /// <summary>Objects of an expression outside aggregate calls' arguments and nested queries (the calls and subqueries themselves included).</summary>
    private static IEnumerable<JsonObject> OutsideAggregates(JsonNode? root)
    {
        switch (root)
        {
            case JsonObject obj:
                yield return obj;
                if (SqlTree.Class(obj) == "FUNCTION" && SqlFunctions.Aggregates.Contains(SqlTree.Text(obj, "function_name"))) yield break;
                foreach (var (name, child) in obj)
                {
                    if (name == SqlTree.SubqueryProperty) continue;
                    foreach (var o in OutsideAggregates(child)) yield return o;
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var o in OutsideAggregates(item)) yield return o;
                }

                break;
        }
    }

    private static string ItemName(JsonObject item)
    {
        var alias = SqlTree.Text(item, "alias");
        return alias.Length > 0 ? alias : SqlTree.Describe(item);
    }

    private static QueryProblem NoUnit(QueryScope scope) => new("unit", "FROM",
        $"The shadow statistics cannot tell which person each row belongs to: read a permit table in the outermost FROM, directly or through a subquery or CTE that keeps its rows (or groups by {scope.UnitColumn}).");

    private static string CellStatisticsSql(Shape shape)
    {
        var keys = Enumerable.Range(0, shape.Dimensions.Count).Select(AggregatePlan.KeyColumn).ToList();
        var parts = new List<string>(keys)
        {
            $"count({UnitAlias}) AS __gk_units",
            $"coalesce(sum({RowsAlias}), 0)::BIGINT AS __gk_rows",
        };
        foreach (var call in shape.Calls)
        {
            var j = call.Index.ToString(CultureInfo.InvariantCulture);
            parts.Add($"coalesce(sum({ValuesOf(call)}), 0)::BIGINT AS __gk_obs{j}");
            parts.Add($"count({UnitAlias}) FILTER (WHERE {ValuesOf(call)} > 0) AS __gk_contrib{j}");
            parts.Add($"coalesce(bool_or({RowsOf(call)} > {ValuesOf(call)}), false) AS __gk_missing{j}");
            if (call.NeedsContributions)
            {
                parts.Add($"max(__gk_s{j}) AS __gk_max{j}");
                parts.Add($"max(__gk_s{j}, 2) AS __gk_top{j}");
                parts.Add($"sum(__gk_s{j}) AS __gk_total{j}");
                parts.Add($"coalesce(bool_or(__gk_s{j} < 0), false) AS __gk_negative{j}");
            }
        }

        var sql = $"SELECT {string.Join(", ", parts)} FROM {AggregatePlan.Stage1Table}";
        return keys.Count == 0 ? sql : sql + $" GROUP BY {string.Join(", ", keys)}";
    }

    /// <summary>The researcher's outermost query over stage 1: dimensions become key columns, aggregates their combination.</summary>
    private static string RewriteOverStage1(JsonObject node, Shape shape, DuckDbSqlParser parser, IReadOnlyList<string> outputNames)
    {
        var combined = new Dictionary<JsonObject, JsonObject>(ReferenceEqualityComparer.Instance);
        foreach (var call in shape.Calls) combined[call.Call] = parser.ParseExpression(Combine(call));
        JsonNode? Replace(JsonObject e)
        {
            if (combined.TryGetValue(e, out var c)) return c.DeepClone();
            for (var k = 0; k < shape.Dimensions.Count; k++)
            {
                if (ReferenceEquals(shape.Dimensions[k], e) || SqlTree.Equivalent(shape.Dimensions[k], e)) return SqlTree.ColumnRef(AggregatePlan.KeyColumn(k));
            }

            return null;
        }

        var selectList = node["select_list"]!.AsArray();
        for (var i = 0; i < selectList.Count; i++)
        {
            var item = selectList[i]!.AsObject();
            var rewritten = SqlTree.Rewrite(item, Replace)!.AsObject();
            if (!ReferenceEquals(rewritten, item)) selectList[i] = rewritten;
            rewritten["alias"] = i < outputNames.Count ? outputNames[i] : SqlTree.Text(item, "alias");
        }

        if (node["having"] is JsonObject having) node["having"] = SqlTree.Rewrite(having, Replace);
        foreach (var order in node["modifiers"]!.AsArray().OfType<JsonObject>().Where(m => SqlTree.Type(m) == "ORDER_MODIFIER"))
        {
            foreach (var o in order["orders"]!.AsArray().OfType<JsonObject>())
            {
                if (o["expression"] is JsonObject expression) o["expression"] = SqlTree.Rewrite(expression, Replace);
            }
        }

        node["from_table"] = SqlTree.BaseTable(AggregatePlan.Stage1Table, "");
        node["where_clause"] = null;
        node["sample"] = null;
        var groups = new JsonArray();
        var set = new JsonArray();
        for (var k = 0; k < shape.Dimensions.Count; k++)
        {
            groups.Add(SqlTree.ColumnRef(AggregatePlan.KeyColumn(k)));
            set.Add(k);
        }

        node["group_expressions"] = groups;
        node["group_sets"] = shape.Dimensions.Count == 0 ? new JsonArray() : new JsonArray(set);
        node["aggregate_handling"] = "STANDARD_HANDLING";
        return parser.NodeToSql(node);
    }

    /// <summary>Stage 1's column of the rows an aggregate considers (after its FILTER) per cell and person.</summary>
    private static string RowsOf(AggregateCall call) =>
        call.Filter is null ? RowsAlias : $"__gk_r{call.Index.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Stage 1's column of an aggregate's non-null values per cell and person (its rows for count(*)).</summary>
    private static string ValuesOf(AggregateCall call) =>
        call.Argument is null ? RowsOf(call) : $"__gk_n{call.Index.ToString(CultureInfo.InvariantCulture)}";

    private static string Combine(AggregateCall call)
    {
        var j = call.Index.ToString(CultureInfo.InvariantCulture);
        return call.Kind switch
        {
            MeasureKind.Count when call.CountsUnits => $"count({UnitAlias}) FILTER (WHERE {ValuesOf(call)} > 0)",
            MeasureKind.Count => $"coalesce(sum({ValuesOf(call)}), 0)::BIGINT",
            MeasureKind.Sum => $"sum(__gk_s{j})",
            MeasureKind.Mean => $"CAST(sum(__gk_s{j}) AS DOUBLE) / sum({ValuesOf(call)})",
            MeasureKind.Min => $"min(__gk_v{j})",
            MeasureKind.Max => $"max(__gk_v{j})",
            _ => throw new InvalidOperationException($"{call.Function} does not combine from partials."),
        };
    }
}
