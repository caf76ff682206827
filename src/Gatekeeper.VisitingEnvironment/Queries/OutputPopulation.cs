using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Gatekeeper.VisitingEnvironment.Queries;

/// <summary>
/// Who an aggregate output is about, for the differencing check across outputs of one permit: the dataset, the unit
/// counted and a fingerprint of the query's population (its FROM, joins, CTEs and WHERE, as DuckDB parses them — not its
/// select list, grouping, HAVING or ordering), plus which source column each output key column groups by. Two outputs
/// with the same universe count the same people, so nested groupings of them can be compared cell by cell.
/// </summary>
public sealed record OutputPopulation(string Universe, IReadOnlyDictionary<string, string> KeyVariables)
{
    private static readonly string[] OutputShape = ["select_list", "group_expressions", "group_sets", "aggregate_handling", "having", "qualify", "modifiers", "sample"];

    public static OutputPopulation Of(string sql, string datasetId, string unit)
    {
        ArgumentNullException.ThrowIfNull(sql);
        using var parser = new DuckDbSqlParser();
        var parsed = parser.Parse(sql);
        if (!parsed.Succeeded || parsed.Statements.Count != 1 || SqlTree.Node(parsed.Statements[0]) is not { } root || SqlTree.Type(root) != "SELECT_NODE")
            return new OutputPopulation($"{datasetId}/{unit}/{Fingerprint(sql)}", new Dictionary<string, string>(StringComparer.Ordinal));

        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in root["select_list"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            var alias = SqlTree.Text(item, "alias");
            if (SqlTree.Class(item) == "COLUMN_REF" && alias.Length > 0 && SqlTree.ColumnName(item) is var column && column != alias) keys[alias] = column;
        }

        var population = root.DeepClone().AsObject();
        foreach (var property in OutputShape) population.Remove(property);
        StripLocations(population);
        return new OutputPopulation($"{datasetId}/{unit}/{Fingerprint(population.ToJsonString())}", keys);
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
