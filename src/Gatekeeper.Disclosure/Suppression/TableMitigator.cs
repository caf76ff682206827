using Gatekeeper.Disclosure.Policies;
using Gatekeeper.Disclosure.Tables;
using Gatekeeper.Disclosure.Verdicts;

namespace Gatekeeper.Disclosure.Suppression;

/// <summary>
/// Applies the policy's mitigation to a checked table. Cells that failed are the primary suppressions
/// (review cells are left to the human checkers). Suppression and redaction add complementary
/// suppressions from <see cref="SecondarySuppressor"/> and end with the exact recoverability check.
/// Rounding rounds every count measure to the base, recomputes each margin as the sum of the rounded
/// interior cells below it (so published totals add up), and suppresses the other measures of failing
/// cells with the same complementary protection (rounding a count does not make a mean of 3 people safe).
/// </summary>
public static class TableMitigator
{
    public static MitigatedTable Mitigate(TableVerdict verdict, TablePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(policy);
        var table = verdict.Table;
        var n = table.CellCount;
        var treatments = new CellTreatment[n];
        var values = table.Measures.Select(m => m.Values.ToArray()).ToArray();
        var rounded = new bool[table.Measures.Count];
        var notes = new List<MitigationNote>();
        if (policy.Mitigation == MitigationMethod.None)
            return new MitigatedTable(verdict, policy.Mitigation, treatments, values, rounded, notes, []);

        var primary = new bool[n];
        for (var i = 0; i < n; i++) primary[i] = verdict.CellStatus(i) == CheckStatus.Fail;

        var suppressMeasure = new bool[table.Measures.Count];
        if (policy.Mitigation == MitigationMethod.Round)
        {
            for (var m = 0; m < table.Measures.Count; m++)
            {
                rounded[m] = table.Measures[m].Kind == MeasureKind.Count;
                suppressMeasure[m] = !rounded[m];
                if (rounded[m]) RoundWithTotals(table, values[m], policy.RoundingBase);
            }

            for (var i = 0; i < n; i++) treatments[i] = CellTreatment.Rounded;
            if (!suppressMeasure.Contains(true)) Array.Clear(primary);
        }
        else
        {
            Array.Fill(suppressMeasure, true);
        }

        var plan = SecondarySuppressor.Plan(table, primary, policy.SecondarySuppression);
        for (var i = 0; i < n; i++)
        {
            if (!plan.IsSuppressed(i))
            {
                if (treatments[i] == CellTreatment.Rounded && verdict.CellStatus(i) == CheckStatus.Fail)
                    notes.Add(new MitigationNote(i, table.KeyText(i), CellTreatment.Rounded, $"counts rounded to base {policy.RoundingBase} (failed: {string.Join(", ", verdict.FailedRules(i))})"));
                continue;
            }

            treatments[i] = plan.IsPrimary(i) ? CellTreatment.PrimarySuppressed : CellTreatment.SecondarySuppressed;
            for (var m = 0; m < values.Length; m++)
            {
                if (suppressMeasure[m]) values[m][i] = double.NaN;
            }

            var reason = plan.IsPrimary(i)
                ? $"failed: {string.Join(", ", verdict.FailedRules(i))}"
                : $"complementary suppression protecting ({table.KeyText(plan.Protects(i))}) from recovery through the margins";
            notes.Add(new MitigationNote(i, table.KeyText(i), treatments[i], reason));
        }

        return new MitigatedTable(verdict, policy.Mitigation, treatments, values, rounded, notes, plan.RecoverableCells);
    }

    /// <summary>
    /// Rounds interior cells, then sets each margin to the sum of the rounded interior cells it covers,
    /// so every published relation adds up. A margin with no interior cells under it is rounded itself.
    /// </summary>
    internal static void RoundWithTotals(TableOutput table, double[] values, int roundingBase)
    {
        var n = table.CellCount;
        var dims = table.Keys.Count;
        var masks = new HashSet<ulong>();
        for (var i = 0; i < n; i++)
        {
            var mask = Mask(table, i);
            if (mask != 0) masks.Add(mask);
        }

        var sums = new Dictionary<int, long>();
        Span<int> codes = stackalloc int[dims];
        for (var i = 0; i < n; i++)
        {
            if (Mask(table, i) != 0 || double.IsNaN(values[i])) continue;
            var r = BaseRounding.Round((long)Math.Round(values[i], MidpointRounding.AwayFromZero), roundingBase);
            values[i] = r;
            foreach (var mask in masks)
            {
                for (var d = 0; d < dims; d++) codes[d] = (mask & (1UL << d)) != 0 ? KeyColumn.Aggregated : table.Keys[d].Code(i);
                var total = table.Index.Find(codes);
                if (total >= 0) sums[total] = sums.GetValueOrDefault(total) + r;
            }
        }

        for (var i = 0; i < n; i++)
        {
            if (Mask(table, i) == 0 || double.IsNaN(values[i])) continue;
            values[i] = sums.TryGetValue(i, out var s)
                ? s
                : BaseRounding.Round((long)Math.Round(values[i], MidpointRounding.AwayFromZero), roundingBase);
        }
    }

    private static ulong Mask(TableOutput table, int cell)
    {
        ulong mask = 0;
        for (var d = 0; d < table.Keys.Count; d++)
        {
            if (table.Keys[d].IsAggregated(cell)) mask |= 1UL << d;
        }

        return mask;
    }
}
