using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Gatekeeper.Disclosure.Differencing;

namespace Gatekeeper.VisitingEnvironment.Queries;

/// <summary>
/// Who an aggregate output is about, for the differencing check across outputs of one permit: the universe (dataset,
/// unit counted, and a fingerprint of the query's population — its FROM, joins, CTEs and whatever of its WHERE is not a
/// simple filter, as DuckDB parses them), the simple filters of the WHERE as constraints per variable (<c>col = v</c>,
/// <c>IN (…)</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>, <c>BETWEEN</c>, joined by AND), and which source
/// column each output key column groups by. Outputs with the same universe count the same people, so nested groupings
/// and nested filters of them can be compared cell by cell.
/// </summary>
public sealed record OutputPopulation(string Universe, IReadOnlyDictionary<string, Constraint> Filters, IReadOnlyDictionary<string, string> KeyVariables)
{
    private static readonly string[] OutputShape = ["select_list", "group_expressions", "group_sets", "aggregate_handling", "having", "qualify", "modifiers", "sample", "where_clause"];

    public GroupDefinition ToGroupDefinition() => new() { Universe = Universe, Filters = Filters, KeyVariables = KeyVariables };

    public static OutputPopulation Of(string sql, string datasetId, string unit)
    {
        ArgumentNullException.ThrowIfNull(sql);
        using var parser = new DuckDbSqlParser();
        var parsed = parser.Parse(sql);
        var none = new Dictionary<string, Constraint>(StringComparer.Ordinal);
        if (!parsed.Succeeded || parsed.Statements.Count != 1 || SqlTree.Node(parsed.Statements[0]) is not { } root || SqlTree.Type(root) != "SELECT_NODE")
            return new OutputPopulation($"{datasetId}/{unit}/{Fingerprint(sql)}", none, new Dictionary<string, string>(StringComparer.Ordinal));

        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in root["select_list"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            var alias = SqlTree.Text(item, "alias");
            if (SqlTree.Class(item) == "COLUMN_REF" && alias.Length > 0 && SqlTree.ColumnName(item) is var column && column != alias) keys[alias] = column;
        }

        var filters = new Dictionary<string, Constraint>(StringComparer.Ordinal);
        var rest = new JsonArray();
        foreach (var conjunct in Conjuncts(root["where_clause"] as JsonObject))
        {
            var filter = Filter(conjunct);
            if (filter is not { } f)
            {
                rest.Add(conjunct.DeepClone());
            }
            else if (!filters.TryGetValue(f.Variable, out var earlier))
            {
                filters[f.Variable] = f.Constraint;
            }
            else if (!earlier.IsSet && !f.Constraint.IsSet)
            {
                filters[f.Variable] = Intersect(earlier, f.Constraint); // age >= 40 AND age < 50
            }
            else
            {
                rest.Add(conjunct.DeepClone());
            }
        }

        var population = root.DeepClone().AsObject();
        foreach (var property in OutputShape) population.Remove(property);
        population["other_conditions"] = rest;
        StripLocations(population);
        return new OutputPopulation($"{datasetId}/{unit}/{Fingerprint(population.ToJsonString())}", filters, keys);
    }

    private static IEnumerable<JsonObject> Conjuncts(JsonObject? where)
    {
        if (where is null) yield break;
        if (SqlTree.Class(where) == "CONJUNCTION" && SqlTree.Type(where) == "CONJUNCTION_AND")
        {
            foreach (var child in where["children"]!.AsArray().OfType<JsonObject>())
            {
                foreach (var c in Conjuncts(child)) yield return c;
            }
        }
        else
        {
            yield return where;
        }
    }

    /// <summary>A simple filter on one column as a constraint, or null for anything else (kept in the fingerprint).</summary>
    private static (string Variable, Constraint Constraint)? Filter(JsonObject node)
    {
        switch (SqlTree.Class(node))
        {
            case "COMPARISON":
            {
                var (left, right) = (node["left"] as JsonObject, node["right"] as JsonObject);
                var flipped = SqlTree.Class(left!) == "CONSTANT";
                var (column, constant) = flipped ? (right, left) : (left, right);
                if (column is null || constant is null || SqlTree.Class(column) != "COLUMN_REF" || Literal(constant) is not { } value) return null;
                var name = SqlTree.ColumnName(column);
                var type = SqlTree.Type(node);
                if (type == "COMPARE_EQUAL") return (name, value.Number is { } n ? Constraint.Range(n, true, n, true) : Constraint.OneOf(value.Text));
                if (value.Number is not { } v) return null;
                return (type, flipped) switch
                {
                    ("COMPARE_GREATERTHANOREQUALTO", false) or ("COMPARE_LESSTHANOREQUALTO", true) => (name, Constraint.Range(v, true, null, false)),
                    ("COMPARE_GREATERTHAN", false) or ("COMPARE_LESSTHAN", true) => (name, Constraint.Range(v, false, null, false)),
                    ("COMPARE_LESSTHANOREQUALTO", false) or ("COMPARE_GREATERTHANOREQUALTO", true) => (name, Constraint.Range(null, false, v, true)),
                    ("COMPARE_LESSTHAN", false) or ("COMPARE_GREATERTHAN", true) => (name, Constraint.Range(null, false, v, false)),
                    _ => null,
                };
            }
            case "OPERATOR" when SqlTree.Type(node) == "COMPARE_IN":
            {
                var children = node["children"]!.AsArray().OfType<JsonObject>().ToList();
                if (children.Count < 2 || SqlTree.Class(children[0]) != "COLUMN_REF") return null;
                var values = children.Skip(1).Select(Literal).ToList();
                if (values.Any(v => v is null || v.Value.Number is not null)) return null; // numeric IN lists: left to the fingerprint
                return (SqlTree.ColumnName(children[0]), Constraint.OneOf([.. values.Select(v => v!.Value.Text)]));
            }
            case "BETWEEN":
            {
                if (node["input"] is not JsonObject input || SqlTree.Class(input) != "COLUMN_REF") return null;
                if (Literal(node["lower"] as JsonObject)?.Number is not { } lo || Literal(node["upper"] as JsonObject)?.Number is not { } hi) return null;
                return (SqlTree.ColumnName(input), Constraint.Range(lo, true, hi, true));
            }
            default:
                return null;
        }
    }

    private readonly record struct LiteralValue(string Text, decimal? Number);

    /// <summary>A constant as text and, for numbers, as an exact decimal (DuckDB stores decimals scaled: 65 with scale 1 is 6.5).</summary>
    private static LiteralValue? Literal(JsonObject? node)
    {
        if (node is null || SqlTree.Class(node) != "CONSTANT" || node["value"] is not JsonObject v || v["is_null"]?.GetValue<bool>() == true) return null;
        var type = v["type"]?["id"]?.GetValue<string>();
        var raw = v["value"];
        switch (type)
        {
            case "VARCHAR":
                return new LiteralValue(raw!.GetValue<string>(), null);
            case "INTEGER" or "BIGINT" or "SMALLINT" or "TINYINT" or "HUGEINT" or "UTINYINT" or "USMALLINT" or "UINTEGER" or "UBIGINT":
                var i = decimal.Parse(raw!.ToJsonString(), CultureInfo.InvariantCulture);
                return new LiteralValue(i.ToString(CultureInfo.InvariantCulture), i);
            case "DECIMAL":
                var scale = v["type"]!["type_info"]?["scale"]?.GetValue<int>() ?? 0;
                var d = decimal.Parse(raw!.ToJsonString().Trim('"'), CultureInfo.InvariantCulture) / (decimal)Math.Pow(10, scale);
                return new LiteralValue(d.ToString(CultureInfo.InvariantCulture), d);
            case "DOUBLE" or "FLOAT":
                var f = decimal.Parse(raw!.ToJsonString().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture);
                return new LiteralValue(f.ToString(CultureInfo.InvariantCulture), f);
            default:
                return null;
        }
    }

    private static Constraint Intersect(Constraint a, Constraint b)
    {
        var (min, minIn) = (a.Min, b.Min) switch
        {
            (null, _) => (b.Min, b.MinInclusive),
            (_, null) => (a.Min, a.MinInclusive),
            var (x, y) when x > y => (a.Min, a.MinInclusive),
            var (x, y) when y > x => (b.Min, b.MinInclusive),
            _ => (a.Min, a.MinInclusive && b.MinInclusive),
        };
        var (max, maxIn) = (a.Max, b.Max) switch
        {
            (null, _) => (b.Max, b.MaxInclusive),
            (_, null) => (a.Max, a.MaxInclusive),
            var (x, y) when x < y => (a.Max, a.MaxInclusive),
            var (x, y) when y < x => (b.Max, b.MaxInclusive),
            _ => (a.Max, a.MaxInclusive && b.MaxInclusive),
        };
        return Constraint.Range(min, minIn, max, maxIn);
    }

    /// <summary>Drops the text positions the parser records, so the same population written at another offset matches.</summary>
    private static void StripLocations(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                o.Remove("query_location");
                foreach (var (_, child) in o.ToList()) StripLocations(child);
                break;
            case JsonArray a:
                foreach (var child in a) StripLocations(child);
                break;
        }
    }

    private static string Fingerprint(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
