using System.Text.RegularExpressions;
using Gatekeeper.Ingest.Storage;
using Gatekeeper.VisitingEnvironment.Worker;

namespace Gatekeeper.Enclave;

/// <summary>
/// The columns a result table is written with: scalar DuckDB types as they are, anything else (lists, structs,
/// maps, time zones, UUIDs, blobs…) as text; names made unique (DuckDB allows two output columns of the same name).
/// </summary>
public static partial class ResultColumns
{
    /// <summary>The written columns for a query's described output.</summary>
    public static IReadOnlyList<WorkerColumn> For(IReadOnlyList<WorkerColumn> described)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<WorkerColumn>(described.Count);
        foreach (var column in described)
        {
            var name = string.IsNullOrEmpty(column.Name) ? "column" : column.Name;
            var unique = name;
            for (var n = 2; !seen.Add(unique); n++) unique = $"{name}_{n}";
            result.Add(new WorkerColumn(unique, IsWritable(column.Type) ? column.Type : "VARCHAR"));
        }

        return result;
    }

    /// <summary><c>SELECT CAST(c1 AS …) AS "name", … FROM (query) AS __gk_result(c1, …)</c>: the query's output as written.</summary>
    public static string Projection(string querySql, IReadOnlyList<WorkerColumn> described, IReadOnlyList<WorkerColumn> written)
    {
        var positions = Enumerable.Range(1, described.Count).Select(i => $"__gk_c{i}").ToList();
        var items = written.Select((w, i) => string.Equals(w.Type, described[i].Type, StringComparison.Ordinal)
            ? $"{positions[i]} AS {DuckDbSql.Identifier(w.Name)}"
            : $"CAST({positions[i]} AS VARCHAR) AS {DuckDbSql.Identifier(w.Name)}");
        return $"SELECT {string.Join(", ", items)} FROM ({querySql}) AS __gk_result({string.Join(", ", positions)})";
    }

    public static bool IsWritable(string type) =>
        type is "BOOLEAN" or "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "UTINYINT" or "USMALLINT" or "UINTEGER" or "UBIGINT"
            or "HUGEINT" or "FLOAT" or "DOUBLE" or "VARCHAR" or "DATE" or "TIME" or "TIMESTAMP" or "INTERVAL"
        || DecimalType().IsMatch(type);

    [GeneratedRegex(@"^DECIMAL\(\d+,\s*\d+\)$")]
    private static partial Regex DecimalType();
}
