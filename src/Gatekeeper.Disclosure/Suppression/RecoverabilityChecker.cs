namespace Gatekeeper.Disclosure.Suppression;

/// <summary>
/// Decides, exactly, which suppressed cells an attacker can compute from the published cells and the
/// table's linear relations. Moving published values to the right-hand side leaves a system A·x = b in
/// the suppressed values x; the true table is always a solution, so x_i is determined exactly when the
/// unit vector e_i lies in the row space of A. Reduced row echelon form over the rationals answers that:
/// e_i is in the row space if and only if column i is a pivot column whose row has no other non-zero.
/// Sparse rows keep typical outputs (each cell in a handful of relations) fast.
/// </summary>
public static class RecoverabilityChecker
{
    /// <summary>The suppressed cells whose values follow exactly from the published cells and relations, ascending.</summary>
    public static IReadOnlyList<int> DeterminedCells(IReadOnlyList<LinearRelation> relations, IReadOnlyList<bool> suppressed)
    {
        ArgumentNullException.ThrowIfNull(relations);
        ArgumentNullException.ThrowIfNull(suppressed);
        var variableOf = new Dictionary<int, int>();
        var cellOf = new List<int>();
        for (var c = 0; c < suppressed.Count; c++)
        {
            if (!suppressed[c]) continue;
            variableOf[c] = cellOf.Count;
            cellOf.Add(c);
        }

        var rows = new List<Dictionary<int, Rational>>();
        var rowsWith = new HashSet<int>[cellOf.Count];
        for (var v = 0; v < rowsWith.Length; v++) rowsWith[v] = [];
        foreach (var relation in relations)
        {
            var row = new Dictionary<int, Rational>();
            foreach (var part in relation.Parts) AddTerm(row, variableOf, part, 1);
            AddTerm(row, variableOf, relation.Total, -1);
            foreach (var zero in row.Where(e => e.Value.IsZero).Select(e => e.Key).ToList()) row.Remove(zero);
            if (row.Count == 0) continue;
            foreach (var v in row.Keys) rowsWith[v].Add(rows.Count);
            rows.Add(row);
        }

        var pivotRowOf = new int[cellOf.Count];
        Array.Fill(pivotRowOf, -1);
        var isPivotRow = new bool[rows.Count];
        for (var v = 0; v < cellOf.Count; v++)
        {
            // Sparsest free row with a non-zero in this column keeps fill-in low.
            var best = -1;
            foreach (var r in rowsWith[v])
            {
                if (isPivotRow[r]) continue;
                if (best < 0 || rows[r].Count < rows[best].Count || (rows[r].Count == rows[best].Count && r < best)) best = r;
            }

            if (best < 0) continue;
            var pivot = rows[best];
            var scale = pivot[v];
            if (scale != Rational.One)
            {
                foreach (var c in pivot.Keys.ToList()) pivot[c] /= scale;
            }

            foreach (var r in rowsWith[v].ToList())
            {
                if (r == best) continue;
                var row = rows[r];
                var factor = row[v];
                foreach (var (c, value) in pivot)
                {
                    var updated = (row.TryGetValue(c, out var old) ? old : Rational.Zero) - (factor * value);
                    if (updated.IsZero)
                    {
                        row.Remove(c);
                        rowsWith[c].Remove(r);
                    }
                    else
                    {
                        row[c] = updated;
                        rowsWith[c].Add(r);
                    }
                }
            }

            pivotRowOf[v] = best;
            isPivotRow[best] = true;
        }

        var determined = new List<int>();
        for (var v = 0; v < cellOf.Count; v++)
        {
            if (pivotRowOf[v] >= 0 && rows[pivotRowOf[v]].Count == 1) determined.Add(cellOf[v]);
        }

        return determined;
    }

    private static void AddTerm(Dictionary<int, Rational> row, Dictionary<int, int> variableOf, int cell, long coefficient)
    {
        if (!variableOf.TryGetValue(cell, out var v)) return;
        row[v] = (row.TryGetValue(v, out var old) ? old : Rational.Zero) + coefficient;
    }
}
