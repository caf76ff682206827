using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatekeeper.VisitingEnvironment.Queries;

/// <summary>
/// Helpers over DuckDB's JSON parse trees. Expressions are objects with a <c>class</c> (COLUMN_REF, FUNCTION …);
/// table references and query nodes are objects with a <c>type</c> (BASE_TABLE, SELECT_NODE …). A nested query sits
/// under a <c>subquery</c> property (both in FROM and in expressions), which walks can stop at.
/// </summary>
internal static class SqlTree
{
    public const string SubqueryProperty = "subquery";

    public static JsonObject Node(JsonObject statement) => statement["node"]!.AsObject();

    public static string? Class(JsonObject node) => node["class"] is JsonValue v ? v.GetValue<string>() : null;

    public static string? Type(JsonObject node) => node["type"] is JsonValue v ? v.GetValue<string>() : null;

    public static string Text(JsonObject node, string property) => node[property] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    public static bool IsExpression(JsonObject node) => node.ContainsKey("class");

    /// <summary>Every object below (and including) <paramref name="root"/>; nested queries only when asked.</summary>
    public static IEnumerable<JsonObject> Objects(JsonNode? root, bool intoSubqueries = true)
    {
        if (root is null) yield break;
        var stack = new Stack<JsonNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            switch (node)
            {
                case JsonObject obj:
                    yield return obj;
                    foreach (var (name, child) in obj.Reverse())
                    {
                        if (child is null) continue;
                        if (!intoSubqueries && name == SubqueryProperty) continue;
                        stack.Push(child);
                    }

                    break;
                case JsonArray array:
                    for (var i = array.Count - 1; i >= 0; i--)
                    {
                        if (array[i] is { } item) stack.Push(item);
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// Rewrites expressions top-down, not entering nested queries: where <paramref name="replace"/> returns a node, it
    /// takes the place of the expression (and is not walked further).
    /// </summary>
    public static JsonNode? Rewrite(JsonNode? node, Func<JsonObject, JsonNode?> replace)
    {
        switch (node)
        {
            case JsonObject obj:
                if (IsExpression(obj) && replace(obj) is { } replacement) return replacement;
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (name == SubqueryProperty) continue;
                    var child = obj[name];
                    if (child is null || child is JsonValue) continue;
                    var rewritten = Rewrite(child, replace);
                    if (!ReferenceEquals(rewritten, child)) obj[name] = rewritten;
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var child = array[i];
                    if (child is null || child is JsonValue) continue;
                    var rewritten = Rewrite(child, replace);
                    if (!ReferenceEquals(rewritten, child)) array[i] = rewritten;
                }

                return array;
            default:
                return node;
        }
    }

    /// <summary>
    /// Whether two expressions are the same, ignoring where they were written and their alias. Column references
    /// match on the column name when either is unqualified (<c>a.k</c> and <c>k</c>): the query has been bound by
    /// DuckDB before this is used, so an unqualified name is unambiguous.
    /// </summary>
    public static bool Equivalent(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (a is JsonObject oa && b is JsonObject ob)
        {
            if (Class(oa) == "COLUMN_REF" && Class(ob) == "COLUMN_REF") return SameColumn(ColumnNames(oa), ColumnNames(ob));
            var keys = oa.Select(p => p.Key).Where(Compared).ToHashSet(StringComparer.Ordinal);
            if (!keys.SetEquals(ob.Select(p => p.Key).Where(Compared))) return false;
            return keys.All(k => Equivalent(oa[k], ob[k]));
        }

        if (a is JsonArray aa && b is JsonArray ab) return aa.Count == ab.Count && aa.Zip(ab).All(p => Equivalent(p.First, p.Second));
        if (a is JsonValue va && b is JsonValue vb)
        {
            if (va.GetValueKind() == JsonValueKind.String && vb.GetValueKind() == JsonValueKind.String)
            {
                return string.Equals(va.GetValue<string>(), vb.GetValue<string>(), StringComparison.Ordinal);
            }

            return JsonNode.DeepEquals(va, vb);
        }

        return false;

        static bool Compared(string key) => key is not ("query_location" or "alias");
    }

    public static IReadOnlyList<string> ColumnNames(JsonObject columnRef) =>
        [.. columnRef["column_names"]!.AsArray().Select(n => n!.GetValue<string>())];

    /// <summary>The column a reference names (its last part, or the second for <c>table.column.field</c> is not distinguished).</summary>
    public static string ColumnName(JsonObject columnRef) => ColumnNames(columnRef)[^1];

    private static bool SameColumn(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (!string.Equals(a[^1], b[^1], StringComparison.OrdinalIgnoreCase)) return false;
        if (a.Count == 1 || b.Count == 1) return true;
        return a.Count == b.Count && a.Zip(b).All(p => string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase));
    }

    public static JsonObject ColumnRef(params string[] names) => new()
    {
        ["class"] = "COLUMN_REF",
        ["type"] = "COLUMN_REF",
        ["alias"] = "",
        ["query_location"] = ulong.MaxValue,
        ["column_names"] = new JsonArray([.. names.Select(n => (JsonNode)JsonValue.Create(n))]),
    };

    /// <summary>A function call node as DuckDB serialises it (aggregate or scalar; the binder decides which).</summary>
    public static JsonObject Function(string name, IEnumerable<JsonNode> children, JsonNode? filter = null, bool distinct = false) => new()
    {
        ["class"] = "FUNCTION",
        ["type"] = "FUNCTION",
        ["alias"] = "",
        ["query_location"] = ulong.MaxValue,
        ["function_name"] = name,
        ["schema"] = "",
        ["children"] = new JsonArray([.. children.Select(c => c.DeepClone())]),
        ["filter"] = filter?.DeepClone(),
        ["order_bys"] = new JsonObject { ["type"] = "ORDER_MODIFIER", ["orders"] = new JsonArray() },
        ["distinct"] = distinct,
        ["is_operator"] = false,
        ["export_state"] = false,
        ["catalog"] = "",
    };

    /// <summary>A copy of <paramref name="expression"/> with the given alias (an output name).</summary>
    public static JsonObject WithAlias(JsonObject expression, string alias)
    {
        var copy = expression.Parent is null ? expression : expression.DeepClone().AsObject();
        copy["alias"] = alias;
        return copy;
    }

    public static JsonObject IntegerConstant(int value) => new()
    {
        ["class"] = "CONSTANT",
        ["type"] = "VALUE_CONSTANT",
        ["alias"] = "",
        ["query_location"] = ulong.MaxValue,
        ["value"] = new JsonObject
        {
            ["type"] = new JsonObject { ["id"] = "INTEGER", ["type_info"] = null },
            ["is_null"] = false,
            ["value"] = value,
        },
    };

    public static JsonObject BaseTable(string table, string alias, string schema = "") => new()
    {
        ["type"] = "BASE_TABLE",
        ["alias"] = alias,
        ["sample"] = null,
        ["query_location"] = ulong.MaxValue,
        ["schema_name"] = schema,
        ["table_name"] = table,
        ["column_name_alias"] = new JsonArray(),
        ["catalog_name"] = "",
        ["at_clause"] = null,
    };

    /// <summary>An integer constant's value, or null when the node is not one (GROUP BY 1, quantile levels).</summary>
    public static long? IntegerValue(JsonObject expression)
    {
        if (Class(expression) != "CONSTANT") return null;
        var value = expression["value"]!.AsObject();
        if (value["is_null"]?.GetValue<bool>() == true) return null;
        var id = value["type"]?["id"]?.GetValue<string>();
        if (id is not ("INTEGER" or "BIGINT" or "SMALLINT" or "TINYINT" or "HUGEINT" or "UBIGINT" or "UINTEGER")) return null;
        return value["value"] is JsonValue v && v.TryGetValue<long>(out var l) ? l : null;
    }

    /// <summary>A numeric constant's value (integers and decimals such as 0.25), or null.</summary>
    public static double? NumericValue(JsonObject expression)
    {
        if (IntegerValue(expression) is { } i) return i;
        if (Class(expression) == "CAST" && expression["child"] is JsonObject child) return NumericValue(child);
        if (Class(expression) != "CONSTANT") return null;
        var value = expression["value"]!.AsObject();
        var type = value["type"]?.AsObject();
        if (type?["id"]?.GetValue<string>() is "DECIMAL" && value["value"] is JsonValue raw && raw.TryGetValue<long>(out var unscaled))
        {
            var scale = type["type_info"]?["scale"]?.GetValue<int>() ?? 0;
            return unscaled / Math.Pow(10, scale);
        }

        if (type?["id"]?.GetValue<string>() is "DOUBLE" or "FLOAT" && value["value"] is JsonValue d && d.TryGetValue<double>(out var dv)) return dv;
        return null;
    }

    /// <summary>A short description of an expression for messages: <c>a.step</c>, <c>read_text()</c>, <c>CASE</c>.</summary>
    public static string Describe(JsonObject expression) => Class(expression) switch
    {
        "COLUMN_REF" => string.Join('.', ColumnNames(expression)),
        "FUNCTION" or "WINDOW" => Text(expression, "function_name") + "()",
        "CONSTANT" => expression["value"]?["value"]?.ToJsonString() ?? "constant",
        "STAR" => "*",
        _ => (Class(expression) ?? Type(expression) ?? "expression").ToLower(CultureInfo.InvariantCulture).Replace('_', ' '),
    };
}
