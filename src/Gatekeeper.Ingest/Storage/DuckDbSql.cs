namespace Gatekeeper.Ingest.Storage;

/// <summary>Quoting for identifiers and literals in the SQL ingest generates (paths and names come from code, but quote anyway).</summary>
public static class DuckDbSql
{
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string List(IEnumerable<string> paths) => "[" + string.Join(", ", paths.Select(Literal)) + "]";
}
