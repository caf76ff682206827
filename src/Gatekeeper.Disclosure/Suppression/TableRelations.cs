using Gatekeeper.Disclosure.Tables;

namespace Gatekeeper.Disclosure.Suppression;

/// <summary>
/// Derives the additivity relations of a table from its margins: for every cell and every dimension it
/// does not aggregate over, the cell with that dimension aggregated (if the output has it) is the total
/// of a relation the cell is a part of. Covers row, column, layer and grand totals of any dimension count.
/// </summary>
public static class TableRelations
{
    public static IReadOnlyList<LinearRelation> Build(TableOutput table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!table.HasMargins) return [];
        var dims = table.Keys.Count;
        var parts = new Dictionary<(int Total, int Dim), List<int>>();
        Span<int> codes = stackalloc int[dims];
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            for (var d = 0; d < dims; d++) codes[d] = table.Keys[d].Code(cell);
            for (var d = 0; d < dims; d++)
            {
                if (codes[d] == KeyColumn.Aggregated) continue;
                var own = codes[d];
                codes[d] = KeyColumn.Aggregated;
                var total = table.Index.Find(codes);
                codes[d] = own;
                if (total < 0) continue;
                if (!parts.TryGetValue((total, d), out var list)) parts[(total, d)] = list = [];
                list.Add(cell);
            }
        }

        return parts.OrderBy(p => p.Key.Total).ThenBy(p => p.Key.Dim)
            .Select(p => new LinearRelation(p.Key.Total, p.Value, p.Key.Dim)).ToList();
    }
}
