using System.Text.Json.Nodes;

namespace Gatekeeper.VisitingEnvironment.Queries;

/// <summary>Statements parsed by DuckDB, or the parser's error (type and message) for text it refuses.</summary>
internal sealed record SqlParseResult(IReadOnlyList<JsonObject> Statements, string? ErrorType, string? ErrorMessage)
{
    public bool Succeeded => ErrorType is null;
}
