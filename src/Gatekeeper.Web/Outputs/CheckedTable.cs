using Microsoft.Data.Analysis;

namespace Gatekeeper.Web.Outputs;

/// <summary>
/// A result table for the output checker's page: the rows (a <see cref="DataFrame"/> read from the airlock, at most
/// <see cref="OutputTableLoader.MaxRows"/>), each row's verdict from the automated check, and the verdict's messages.
/// </summary>
public sealed record CheckedTable(DataFrame Frame, IReadOnlyList<CheckedCell?> Rows, IReadOnlyList<string> Messages, long TotalRows)
{
    public bool Truncated => TotalRows > Frame.Rows.Count;
}
