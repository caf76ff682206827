namespace Gatekeeper.Web.Outputs;

/// <summary>The automated verdict on one row (cell) of a result table, as the checker's page highlights it.</summary>
public sealed record CheckedCell(string Status, IReadOnlyList<string> Failed, IReadOnlyList<string> Review, string? Treatment, IReadOnlyList<string> Reasons);
