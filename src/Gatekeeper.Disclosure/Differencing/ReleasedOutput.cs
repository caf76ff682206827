using Gatekeeper.Disclosure.Tables;

namespace Gatekeeper.Disclosure.Differencing;

/// <summary>What the gatekeeper remembers of a released table output: its group definition, key columns and the published cells with their unit counts.</summary>
public sealed record ReleasedOutput
{
    public required string OutputId { get; init; }

    public required string PermitId { get; init; }

    public required GroupDefinition Definition { get; init; }

    public required IReadOnlyList<string> KeyColumns { get; init; }

    public required IReadOnlyList<ReleasedCell> Cells { get; init; }

    /// <summary>
    /// Records a table's published cells (those <paramref name="published"/> accepts; all by default) with
    /// the count the threshold uses (units, or rows without a unit id). Suppressed cells are left out:
    /// their counts never left.
    /// </summary>
    public static ReleasedOutput FromTable(string outputId, string permitId, TableOutput table, GroupDefinition definition, Func<int, bool>? published = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var cells = new List<ReleasedCell>(table.CellCount);
        for (var i = 0; i < table.CellCount; i++)
        {
            if (published is null || published(i)) cells.Add(new ReleasedCell(table.Key(i), table.Count(i)));
        }

        return new ReleasedOutput
        {
            OutputId = outputId,
            PermitId = permitId,
            Definition = definition,
            KeyColumns = table.Keys.Select(k => k.Name).ToList(),
            Cells = cells,
        };
    }
}
