using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Gatekeeper.VisitingEnvironment.Queries;

/// <summary>
/// Makes the person behind each row of the outermost FROM visible to the shadow statistics without showing it to the
/// researcher. Every permit table has a twin view in the hidden schema <c>__gk</c> with one more column,
/// <c>__gk_unit</c> (a per-run person number). In a copy of the query, the first person-level relation of the
/// outermost FROM is pointed at its twin: a permit table directly, or a subquery/CTE over one that keeps one row per
/// row of that table (no aggregation) or one row per person (GROUP BY the unit column), which then passes the number
/// on as <c>__gk_unit&lt;depth&gt;</c>. CTEs are copied under a new name so other references to them are unchanged.
/// </summary>
internal static class UnitExposure
{
    public const string Schema = "__gk";
    public const string Column = "__gk_unit";

    /// <summary>
    /// Rewrites <paramref name="node"/> (a copy of the outermost SELECT node) in place and returns the expression giving
    /// each row's person number, or null when no relation of its FROM can be traced to one person per row.
    /// </summary>
    public static JsonObject? Expose(JsonObject node, QueryScope scope)
    {
        var state = new State(scope);
        return state.InFrom(node["from_table"]!.AsObject(), state.Enter(Ctes.Empty, node), 0);
    }

    private sealed record Ctes(ImmutableDictionary<string, (JsonArray Owner, JsonObject Entry)> Map)
    {
        public static readonly Ctes Empty = new(ImmutableDictionary.Create<string, (JsonArray, JsonObject)>(StringComparer.OrdinalIgnoreCase));
    }

    private sealed class State
    {
        private readonly QueryScope _scope;
        private int _counter;

        public State(QueryScope scope)
        {
            _scope = scope;
        }

        public Ctes Enter(Ctes outer, JsonObject node)
        {
            if (node["cte_map"]?["map"] is not JsonArray map) return outer;
            var result = outer.Map;
            foreach (var entry in map.OfType<JsonObject>()) result = result.SetItem(SqlTree.Text(entry, "key"), (map, entry));
            return new Ctes(result);
        }

        public JsonObject? InFrom(JsonObject from, Ctes ctes, int depth)
        {
            foreach (var relation in Relations(from))
            {
                var alias = SqlTree.Text(relation, "alias");
                switch (SqlTree.Type(relation))
                {
                    case "BASE_TABLE":
                        var name = SqlTree.Text(relation, "table_name");
                        if (ctes.Map.TryGetValue(name, out var cte))
                        {
                            var copy = cte.Entry.DeepClone().AsObject();
                            var innerNode = copy["value"]?["query"]?["node"] as JsonObject;
                            if (innerNode is null) continue;
                            var unitName = InNode(innerNode, ctes, depth + 1);
                            if (unitName is null) continue;
                            var copyName = $"__gk_cte{_counter++}";
                            copy["key"] = copyName;
                            cte.Owner.Insert(cte.Owner.IndexOf(cte.Entry) + 1, copy);
                            relation["table_name"] = copyName;
                            if (alias.Length == 0) relation["alias"] = alias = name;
                            return SqlTree.ColumnRef(alias, unitName);
                        }

                        if (_scope.Table(name) is { } table && HasUnit(table))
                        {
                            relation["schema_name"] = Schema;
                            if (alias.Length == 0) relation["alias"] = alias = name;
                            return SqlTree.ColumnRef(alias, Column);
                        }

                        break;
                    case "SUBQUERY":
                        if (relation["subquery"]?["node"] is not JsonObject subNode) break;
                        var subUnit = InNode(subNode, ctes, depth + 1);
                        if (subUnit is null) break;
                        if (alias.Length == 0) relation["alias"] = alias = $"__gk_sub{_counter++}";
                        return SqlTree.ColumnRef(alias, subUnit);
                }
            }

            return null;
        }

        /// <summary>Exposes the unit through a nested SELECT; returns the name of the column it adds, or null.</summary>
        private string? InNode(JsonObject node, Ctes outer, int depth)
        {
            if (SqlTree.Type(node) != "SELECT_NODE") return null;
            if (node["modifiers"] is JsonArray modifiers && modifiers.OfType<JsonObject>().Any(m => SqlTree.Type(m) == "DISTINCT_MODIFIER")) return null;
            var selectList = node["select_list"]!.AsArray();
            var groupExpressions = node["group_expressions"]!.AsArray();
            var forceAggregates = SqlTree.Text(node, "aggregate_handling") == "FORCE_AGGREGATES";
            var aggregating = groupExpressions.Count > 0 || forceAggregates || selectList.OfType<JsonObject>().Any(AggregateQueryAnalyzer.HasAggregate);
            if (aggregating && !GroupedByUnit(node, selectList, groupExpressions, forceAggregates)) return null;

            // Check before rewriting anything below: a failed attempt must leave the query as it was.
            var trial = node.DeepClone().AsObject();
            var trialCtes = Enter(outer, trial);
            var unit = InFrom(trial["from_table"]!.AsObject(), trialCtes, depth);
            if (unit is null) return null;
            Replace(node, trial);

            var name = Column + depth.ToString(System.Globalization.CultureInfo.InvariantCulture);
            selectList = node["select_list"]!.AsArray();
            selectList.Add(SqlTree.WithAlias(unit, name));
            if (aggregating && !forceAggregates)
            {
                groupExpressions = node["group_expressions"]!.AsArray();
                groupExpressions.Add(unit.DeepClone());
                var sets = node["group_sets"]!.AsArray();
                if (sets.Count == 0) sets.Add(new JsonArray());
                sets[0]!.AsArray().Add(groupExpressions.Count - 1);
            }

            return name;
        }

        private bool GroupedByUnit(JsonObject node, JsonArray selectList, JsonArray groupExpressions, bool forceAggregates)
        {
            if (node["group_sets"] is JsonArray sets && sets.Count > 1) return false;
            bool IsUnit(JsonNode? e) => e is JsonObject o && SqlTree.Class(o) == "COLUMN_REF"
                && string.Equals(SqlTree.ColumnName(o), _scope.UnitColumn, StringComparison.OrdinalIgnoreCase);
            if (forceAggregates) return selectList.Any(IsUnit);
            return groupExpressions.Any(IsUnit);
        }

        private bool HasUnit(PermittedTable table) =>
            table.CatalogueVariables.Count == 0 || table.CatalogueVariables.Contains(_scope.UnitColumn, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The relations of a FROM clause left to right, through joins but not into subqueries.</summary>
    private static IEnumerable<JsonObject> Relations(JsonObject from)
    {
        if (SqlTree.Type(from) == "JOIN")
        {
            foreach (var r in Relations(from["left"]!.AsObject())) yield return r;
            foreach (var r in Relations(from["right"]!.AsObject())) yield return r;
        }
        else
        {
            yield return from;
        }
    }

    private static void Replace(JsonObject target, JsonObject source)
    {
        foreach (var key in target.Select(p => p.Key).ToList()) target.Remove(key);
        foreach (var key in source.Select(p => p.Key).ToList())
        {
            var value = source[key];
            source.Remove(key);
            target[key] = value;
        }
    }
}
