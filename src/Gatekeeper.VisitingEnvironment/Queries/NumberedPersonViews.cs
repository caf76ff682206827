using System.Text.Json.Nodes;

namespace Gatekeeper.VisitingEnvironment.Queries;

/// <summary>
/// Lets stage 1 read the permit tables through views whose person column holds the run's person number (an integer)
/// instead of the permit pseudonym, when that cannot change the answer. Within a run the two are one-to-one, so a query
/// that only compares the person column for equality with itself (<c>USING</c>, <c>a.id = b.id</c>), groups or
/// de-duplicates by it in a nested query, passes it on under its own name, or counts it, gives the same cells and values
/// either way; DuckDB then joins and groups dense integers through arrays instead of hashing 32-character strings.
/// Any other use (ordering, string functions, literals, IN lists, renaming, set operations, <c>COLUMNS</c>, the column
/// as a dimension or a min/max) keeps the pseudonym views, so the published cells never show a number.
/// </summary>
internal static class NumberedPersonViews
{
    /// <summary>The worker's schema of these views: the permit views' columns plus <c>__gk_unit</c>, the person column numbered.</summary>
    public const string Schema = "__gkn";

    /// <summary>
    /// Points every permit table of <paramref name="stage1"/> (already through <see cref="UnitExposure"/>) at its
    /// numbered view if the query uses the person column only in ways the numbering cannot change; returns whether it did.
    /// </summary>
    public static bool TryApply(JsonObject stage1, QueryScope scope)
    {
        var objects = SqlTree.Objects(stage1).ToList();
        var cteNames = objects.Where(o => o["cte_map"]?["map"] is JsonArray).SelectMany(o => o["cte_map"]!["map"]!.AsArray().OfType<JsonObject>())
            .Select(e => SqlTree.Text(e, "key")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (cteNames.Any(name => scope.Table(name) is not null)) return false;
        var tables = objects.Where(o => SqlTree.Type(o) == "BASE_TABLE" && !cteNames.Contains(SqlTree.Text(o, "table_name")) && scope.Table(SqlTree.Text(o, "table_name")) is not null).ToList();
        if (tables.Any(t => SqlTree.Text(t, "catalog_name").Length > 0 || SqlTree.Text(t, "schema_name") is not ("" or "main" or UnitExposure.Schema))) return false;
        if (!OnlyIdentityUses(stage1, objects, scope.UnitColumn)) return false;

        foreach (var table in tables) table["schema_name"] = Schema;
        return true;
    }

    private static bool OnlyIdentityUses(JsonObject stage1, List<JsonObject> objects, string unitColumn)
    {
        bool IsUnit(JsonNode? node) => node is JsonObject o && SqlTree.Class(o) == "COLUMN_REF" && Same(SqlTree.ColumnName(o), unitColumn);
        bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

        var allowed = new HashSet<JsonObject>(ReferenceEqualityComparer.Instance);
        foreach (var o in objects)
        {
            var type = SqlTree.Type(o);
            if (type is "SET_OPERATION_NODE" or "PIVOT" or "TABLE_FUNCTION" or "EXPRESSION_LIST") return false;
            // A column of that name made from something else; columns renamed by an alias list or COLUMNS/REPLACE/RENAME.
            if (SqlTree.IsExpression(o) && Same(SqlTree.Text(o, "alias"), unitColumn) && !IsUnit(o)) return false;
            if (o["column_name_alias"] is JsonArray { Count: > 0 } || o["aliases"] is JsonArray { Count: > 0 }) return false;
            if (SqlTree.Class(o) == "STAR" && (o["columns"] is JsonValue c && c.GetValue<bool>() || o["expr"] is JsonObject
                || o["replace_list"] is JsonArray { Count: > 0 } || o["rename_list"] is JsonArray { Count: > 0 })) return false;

            switch (SqlTree.Class(o))
            {
                case "COMPARISON" when type is "COMPARE_EQUAL" or "COMPARE_NOT_DISTINCT_FROM" && IsUnit(o["left"]) && IsUnit(o["right"]):
                    allowed.Add(o["left"]!.AsObject());
                    allowed.Add(o["right"]!.AsObject());
                    break;
                case "FUNCTION" when Same(SqlTree.Text(o, "function_name"), "count") && o["children"] is JsonArray { Count: 1 } children && IsUnit(children[0]):
                    allowed.Add(children[0]!.AsObject());
                    break;
            }

            // A scalar or IN subquery hands its column to an expression: only `id IN (SELECT id …)` may carry the person column.
            if (SqlTree.Class(o) == "SUBQUERY" && SqlTree.Text(o, "subquery_type") is not ("EXISTS" or "NOT_EXISTS")
                && o["subquery"]?["node"]?["select_list"] is JsonArray values)
            {
                if (SqlTree.Text(o, "subquery_type") == "ANY" && SqlTree.Text(o, "comparison_type") == "COMPARE_EQUAL" && IsUnit(o["child"]) && values is [var only] && IsUnit(only))
                    allowed.Add(o["child"]!.AsObject());
                else if (values.Any(v => IsUnit(v) || v is JsonObject star && SqlTree.Class(star) == "STAR"))
                    return false;
            }

            // In a nested query (never the outermost, whose select list holds the published dimensions and measures):
            // grouping by the column and passing it on under its own name. A nested ORDER BY other than by named
            // columns (ORDER BY 1, ALL) might order by it, and with LIMIT decide which rows count.
            if (type == "SELECT_NODE" && !ReferenceEquals(o, stage1))
            {
                if (o["modifiers"] is JsonArray modifiers && modifiers.OfType<JsonObject>().Any(m => SqlTree.Type(m) == "ORDER_MODIFIER"
                    && m["orders"] is JsonArray orders && orders.OfType<JsonObject>().Any(order => order["expression"] is not JsonObject e || SqlTree.Class(e) != "COLUMN_REF")))
                    return false;
                foreach (var e in o["group_expressions"]!.AsArray().Where(IsUnit)) allowed.Add(e!.AsObject());
                foreach (var e in o["select_list"]!.AsArray().Where(e => IsUnit(e) && SqlTree.Text(e!.AsObject(), "alias") is var alias && (alias.Length == 0 || Same(alias, unitColumn))))
                    allowed.Add(e!.AsObject());
            }
        }

        return objects.Where(IsUnit).All(allowed.Contains);
    }
}
