using Gatekeeper.Disclosure.Suppression;

namespace Gatekeeper.Disclosure.Tests.Suppression;

/// <summary>
/// Independent brute-force answers to "can this suppressed cell be recovered?", sharing no code with
/// the rational elimination. With A the relation matrix restricted to the suppressed cells:
/// an attacker recovers x exactly when some combination c of relations gives Σ c_r A_r = e_x (then x =
/// that combination of published values); x is safe exactly when some perturbation d with A·d = 0 and
/// d_x ≠ 0 exists (then the table + t·d is consistent with everything published for every t).
/// For 1- and 2-dimensional tables with margins A is totally unimodular, so both searches over
/// coefficients in {−1, 0, 1} are complete and exactly one of them succeeds for each cell.
/// </summary>
internal static class BruteForceRecovery
{
    public static bool AttackRecovers(IReadOnlyList<LinearRelation> relations, IReadOnlyList<bool> suppressed, int target)
    {
        var rows = Rows(relations, suppressed, out var columns);
        if (!columns.Contains(target)) return false;
        var combination = new int[rows.Count];
        return Search(0);

        bool Search(int r)
        {
            if (r == rows.Count)
            {
                foreach (var col in columns)
                {
                    var sum = 0;
                    for (var i = 0; i < rows.Count; i++) sum += combination[i] * rows[i].GetValueOrDefault(col);
                    if (sum != (col == target ? 1 : 0)) return false;
                }

                return true;
            }

            for (var c = -1; c <= 1; c++)
            {
                combination[r] = c;
                if (Search(r + 1)) return true;
            }

            return false;
        }
    }

    public static bool PerturbationExists(IReadOnlyList<LinearRelation> relations, IReadOnlyList<bool> suppressed, int target)
    {
        var rows = Rows(relations, suppressed, out var columns);
        var order = columns.OrderBy(c => c).ToList();
        var d = new Dictionary<int, int>();
        return Search(0);

        bool Search(int i)
        {
            // Prune: a relation whose cells are all assigned must balance.
            foreach (var row in rows)
            {
                if (!row.Keys.All(d.ContainsKey)) continue;
                if (row.Sum(e => e.Value * d[e.Key]) != 0) return false;
            }

            if (i == order.Count) return d[target] != 0;
            foreach (var v in order[i] == target ? [1] : new[] { -1, 0, 1 })
            {
                d[order[i]] = v;
                if (Search(i + 1)) return true;
            }

            d.Remove(order[i]);
            return false;
        }
    }

    private static List<Dictionary<int, int>> Rows(IReadOnlyList<LinearRelation> relations, IReadOnlyList<bool> suppressed, out HashSet<int> columns)
    {
        var rows = new List<Dictionary<int, int>>();
        columns = [];
        foreach (var r in relations)
        {
            var row = new Dictionary<int, int>();
            foreach (var p in r.Parts.Where(p => suppressed[p])) row[p] = row.GetValueOrDefault(p) + 1;
            if (suppressed[r.Total]) row[r.Total] = row.GetValueOrDefault(r.Total) - 1;
            if (row.Count == 0) continue;
            rows.Add(row);
            columns.UnionWith(row.Keys);
        }

        return rows;
    }
}
