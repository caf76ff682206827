using System.Text.Json.Nodes;
using DuckDB.NET.Data;

namespace Gatekeeper.VisitingEnvironment.Queries;

/// <summary>
/// DuckDB's own parser, through <c>json_serialize_sql</c> (SQL → parse tree as JSON) and <c>json_deserialize_sql</c>
/// (parse tree → SQL). Parsing never touches data: the connection is an empty in-memory database, so the host can
/// validate a query without the sandbox. One connection, used under a lock.
/// </summary>
internal sealed class DuckDbSqlParser : IDisposable
{
    private readonly DuckDBConnection _connection;
    private readonly bool _ownsConnection;
    private readonly Lock _gate = new();

    /// <summary>A parser on its own empty in-memory database.</summary>
    public DuckDbSqlParser()
    {
        _connection = new DuckDBConnection("Data Source=:memory:");
        _connection.Open();
        _ownsConnection = true;
    }

    /// <summary>A parser on an existing connection (the worker's), which it does not close.</summary>
    public DuckDbSqlParser(DuckDBConnection connection)
    {
        _connection = connection;
        _ownsConnection = false;
    }

    /// <summary>Parses SQL text into its statements' parse trees, or returns DuckDB's message for text it cannot serialise.</summary>
    public SqlParseResult Parse(string sql)
    {
        var json = Scalar("SELECT json_serialize_sql($1::VARCHAR)", sql);
        var root = JsonNode.Parse(json)!.AsObject();
        if (root["error"]?.GetValue<bool>() == true)
        {
            var type = root["error_type"]?.GetValue<string>() ?? "error";
            var message = root["error_message"]?.GetValue<string>() ?? "the query could not be parsed";
            return new SqlParseResult([], type, message);
        }

        var statements = root["statements"]!.AsArray().Select(s => s!.AsObject()).ToList();
        return new SqlParseResult(statements, null, null);
    }

    /// <summary>The parse tree of one expression, e.g. <c>coalesce(sum(x), 0)</c>.</summary>
    public JsonObject ParseExpression(string expressionSql)
    {
        var result = Parse("SELECT " + expressionSql);
        if (!result.Succeeded || result.Statements.Count != 1)
            throw new InvalidOperationException($"Internal expression does not parse: {expressionSql} ({result.ErrorMessage})");
        return SqlTree.Node(result.Statements[0])["select_list"]!.AsArray()[0]!.AsObject().DeepClone().AsObject();
    }

    /// <summary>SQL text of a statement's parse tree (the inverse of <see cref="Parse"/>).</summary>
    public string ToSql(JsonObject statement)
    {
        var wrapper = new JsonObject
        {
            ["error"] = false,
            ["statements"] = new JsonArray(statement.DeepClone()),
        };
        return Scalar("SELECT json_deserialize_sql($1::VARCHAR::JSON)", wrapper.ToJsonString());
    }

    /// <summary>SQL text of a query node (SELECT_NODE, SET_OPERATION_NODE …) as a statement.</summary>
    public string NodeToSql(JsonObject node) =>
        ToSql(new JsonObject { ["node"] = node.DeepClone(), ["named_param_map"] = new JsonArray() });

    private string Scalar(string sql, string argument)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.Add(new DuckDBParameter(argument));
            return (string)command.ExecuteScalar()!;
        }
    }

    public void Dispose()
    {
        if (_ownsConnection) _connection.Dispose();
    }
}
