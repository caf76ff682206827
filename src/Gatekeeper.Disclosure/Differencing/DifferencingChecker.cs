using Gatekeeper.Disclosure.Tables;
using Gatekeeper.Disclosure.Verdicts;

namespace Gatekeeper.Disclosure.Differencing;

/// <summary>
/// <c>differencing</c>: compares a new table output with every output already released under the
/// permit. For an "outer" cell O of one output and the cells of one aggregation level of the other
/// output whose groups lie inside O's group (same universe; each of O's filters and key values implied
/// by theirs), the persons in O but in none of those cells number count(O) − Σ count(inner). When that
/// is 1..threshold−1, anyone holding both outputs can count a group smaller than the threshold: the new
/// output's cells involved go to review. Both directions are checked (new cell as O, released cell as O).
/// Cells of one aggregation level have different keys, so they are disjoint groups and their counts add.
/// </summary>
public static class DifferencingChecker
{
    public static IReadOnlyList<Finding> Check(TableOutput table, DifferencingContext context, int threshold)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(context);
        var findings = new List<Finding>();
        var current = CellSet.From(table, context.Definition);
        foreach (var released in context.Released)
        {
            var old = CellSet.From(released);
            if (!string.Equals(old.Universe, current.Universe, StringComparison.Ordinal)) continue;

            // New cell as the outer group: the released cells inside it leave a small remainder.
            Detect(current, old, threshold, (outer, inner, outerCount, innerSum) =>
                findings.Add(Make(table, outer, released, inner.Select(old.KeyText), outerCount, innerSum, threshold, newIsOuter: true)));

            // Released cell as the outer group: the new cells inside it leave a small remainder.
            Detect(old, current, threshold, (outer, inner, outerCount, innerSum) =>
            {
                foreach (var cell in inner)
                    findings.Add(Make(table, cell, released, [old.KeyText(outer)], outerCount, innerSum, threshold, newIsOuter: false));
            });
        }

        findings.Sort((a, b) => a.Cell.CompareTo(b.Cell));
        return findings;
    }

    private static Finding Make(TableOutput table, int cell, ReleasedOutput released, IEnumerable<string> otherKeys, long outer, long inner, int threshold, bool newIsOuter)
    {
        var others = string.Join("; ", otherKeys.Take(5));
        var reason = newIsOuter
            ? $"Released output '{released.OutputId}' has cells ({others}) inside this cell's group; the difference isolates fewer than {threshold} units."
            : $"This cell lies inside the group of released output '{released.OutputId}' cell ({others}); with the other cells of this level the difference isolates fewer than {threshold} units.";
        return new Finding(
            RuleCode.Differencing,
            CheckStatus.Review,
            cell,
            table.KeyText(cell),
            null,
            [new Evidence("outer_units", outer, IsShadow: true), new Evidence("inner_units", inner, IsShadow: true), new Evidence("difference", outer - inner, IsShadow: true), new Evidence("threshold", threshold)],
            reason);
    }

    private static void Detect(CellSet outer, CellSet inner, int threshold, Action<int, List<int>, long, long> report)
    {
        foreach (var (outerMask, outerCells) in outer.ByMask())
        {
            var keyVars = new List<(int Dim, string Variable)>();
            for (var d = 0; d < outer.Variables.Length; d++)
            {
                if ((outerMask & (1UL << d)) == 0) keyVars.Add((d, outer.Variables[d]));
            }

            var keyVarNames = keyVars.Select(k => k.Variable).ToHashSet(StringComparer.Ordinal);
            foreach (var (innerMask, innerCells) in inner.ByMask())
            {
                var sums = new Dictionary<string?[], (long Sum, List<int> Cells)>(KeyComparer.Instance);
                var projection = new string?[keyVars.Count];
                foreach (var x in innerCells)
                {
                    if (!Inside(inner, innerMask, x, outer, keyVars, keyVarNames, projection)) continue;
                    if (!sums.TryGetValue(projection, out var acc))
                    {
                        acc = (0, []);
                        sums[(string?[])projection.Clone()] = acc;
                    }

                    acc.Cells.Add(x);
                    sums[projection] = (acc.Sum + inner.Count(x), acc.Cells);
                }

                if (sums.Count == 0) continue;
                foreach (var o in outerCells)
                {
                    for (var k = 0; k < keyVars.Count; k++) projection[k] = outer.Part(o, keyVars[k].Dim).Value;
                    if (!sums.TryGetValue(projection, out var acc)) continue;
                    var difference = outer.Count(o) - acc.Sum;
                    if (difference > 0 && difference < threshold) report(o, acc.Cells, outer.Count(o), acc.Sum);
                }
            }
        }
    }

    /// <summary>
    /// Whether inner cell <paramref name="x"/>'s group lies inside the outer groups of this aggregation level
    /// for every filter, writing the values it pins for the outer key variables into <paramref name="projection"/>
    /// (the outer cell it lies in is the one with those key values).
    /// </summary>
    private static bool Inside(CellSet inner, ulong innerMask, int x, CellSet outer, List<(int Dim, string Variable)> keyVars, HashSet<string> keyVarNames, string?[] projection)
    {
        foreach (var (variable, constraint) in outer.Filters)
        {
            if (keyVarNames.Contains(variable)) continue;
            var c = inner.ConstraintOf(x, innerMask, variable);
            if (c is null || !c.IsSubsetOf(constraint)) return false;
        }

        for (var k = 0; k < keyVars.Count; k++)
        {
            var c = inner.ConstraintOf(x, innerMask, keyVars[k].Variable);
            if (c is null || !c.IsSingle(out var value)) return false;
            if (outer.Filters.TryGetValue(keyVars[k].Variable, out var f) && !f.Contains(value)) return false;
            projection[k] = value;
        }

        return true;
    }

    private sealed class KeyComparer : IEqualityComparer<string?[]>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals(string?[]? x, string?[]? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

        public int GetHashCode(string?[] obj)
        {
            var h = default(HashCode);
            foreach (var s in obj) h.Add(s is null ? 0 : StringComparer.Ordinal.GetHashCode(s));
            return h.ToHashCode();
        }
    }

    /// <summary>The cells of an output (new or released) seen uniformly.</summary>
    private sealed class CellSet
    {
        private readonly Func<int, int, KeyPart> _part;
        private readonly Func<int, long> _count;
        private readonly Func<int, string> _keyText;

        private CellSet(string universe, IReadOnlyDictionary<string, Constraint> filters, string[] variables, int cells, Func<int, int, KeyPart> part, Func<int, long> count, Func<int, string> keyText)
        {
            if (variables.Length > 64) throw new ArgumentException("Differencing supports at most 64 key columns.");
            Universe = universe;
            Filters = filters;
            Variables = variables;
            CellCount = cells;
            _part = part;
            _count = count;
            _keyText = keyText;
        }

        public string Universe { get; }

        public IReadOnlyDictionary<string, Constraint> Filters { get; }

        public string[] Variables { get; }

        public int CellCount { get; }

        public static CellSet From(TableOutput t, GroupDefinition d) => new(
            d.Universe,
            d.Filters,
            t.Keys.Select(k => d.VariableOf(k.Name)).ToArray(),
            t.CellCount,
            (cell, dim) => t.Keys[dim].Part(cell),
            t.Count,
            t.KeyText);

        public static CellSet From(ReleasedOutput r) => new(
            r.Definition.Universe,
            r.Definition.Filters,
            r.KeyColumns.Select(r.Definition.VariableOf).ToArray(),
            r.Cells.Count,
            (cell, dim) => r.Cells[cell].Key[dim],
            cell => r.Cells[cell].Units,
            cell => string.Join(", ", r.KeyColumns.Select((k, d) => $"{k}={r.Cells[cell].Key[d]}")));

        public KeyPart Part(int cell, int dim) => _part(cell, dim);

        public long Count(int cell) => _count(cell);

        public string KeyText(int cell) => _keyText(cell);

        public IEnumerable<(ulong Mask, List<int> Cells)> ByMask()
        {
            var groups = new Dictionary<ulong, List<int>>();
            for (var i = 0; i < CellCount; i++)
            {
                ulong mask = 0;
                for (var d = 0; d < Variables.Length; d++)
                {
                    if (_part(i, d).IsAggregated) mask |= 1UL << d;
                }

                if (!groups.TryGetValue(mask, out var list)) groups[mask] = list = [];
                list.Add(i);
            }

            return groups.Select(g => (g.Key, g.Value));
        }

        /// <summary>The constraint a cell's group puts on a variable: its key value (within the filter), else the filter, else none.</summary>
        public Constraint? ConstraintOf(int cell, ulong mask, string variable)
        {
            Filters.TryGetValue(variable, out var filter);
            for (var d = 0; d < Variables.Length; d++)
            {
                if ((mask & (1UL << d)) != 0 || !string.Equals(Variables[d], variable, StringComparison.Ordinal)) continue;
                var value = _part(cell, d).Value;
                return filter is null ? Constraint.OneOf(value) : filter.Intersect(value);
            }

            return filter;
        }
    }
}
