using System.Globalization;
using Gatekeeper.Disclosure.Differencing;
using Gatekeeper.Disclosure.Policies;
using Gatekeeper.Disclosure.Tables;
using Gatekeeper.Disclosure.Verdicts;

namespace Gatekeeper.Disclosure.Rules;

/// <summary>
/// Applies every table rule of a policy to every cell of an output and returns the verdict. One pass
/// over the column arrays; objects are made only for cells that do not pass.
/// </summary>
public static class TableChecker
{
    public static TableVerdict Check(TableOutput table, DisclosurePolicy policy, DifferencingContext? differencing = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(policy);
        var p = policy.Tables;
        var n = table.CellCount;
        var failed = new byte[n];
        var review = new byte[n];
        var findings = new List<Finding>();
        var unit = table.HasUnitId ? "units" : "rows";
        var measures = table.Measures;
        var reasons = new ReasonCache(p, unit);

        for (var i = 0; i < n; i++)
        {
            var count = table.Count(i);
            var structural = table.IsStructuralZero(i);
            if (ThresholdRule.Evaluate(count, p.Threshold) == CheckStatus.Fail)
                Add(findings, failed, review, table, i, RuleCode.Threshold, CheckStatus.Fail, null, [new Evidence(unit, count, true), new Evidence("threshold", p.Threshold)], reasons.Get(RuleCode.Threshold, CheckStatus.Fail, null));
            if (ZeroRule.Evaluate(count, structural, p.ZerosAreDisclosive) == CheckStatus.Fail)
                Add(findings, failed, review, table, i, RuleCode.Zero, CheckStatus.Fail, null, [new Evidence(unit, 0)], reasons.Get(RuleCode.Zero, CheckStatus.Fail, null));
            if (count == 0) continue;

            for (var m = 0; m < measures.Count; m++)
            {
                var measure = measures[m];
                var value = measure.Values[i];
                CheckMeasureCounts(findings, failed, review, table, i, measure, value, count, p, reasons);
                if (double.IsNaN(value))
                {
                    if (MissingValuesRule.Evaluate(measure.HasMissing(i), p.CheckMissingValues) == CheckStatus.Review)
                        Add(findings, failed, review, table, i, RuleCode.Missing, CheckStatus.Review, measure.Name, [], reasons.Get(RuleCode.Missing, CheckStatus.Review, measure.Name));
                    continue;
                }

                switch (measure.Kind)
                {
                    case MeasureKind.Sum or MeasureKind.Mean:
                        CheckDominance(findings, failed, review, table, i, measure, p, reasons);
                        break;
                    case MeasureKind.Min or MeasureKind.Max:
                        if (MinMaxRule.Evaluate(p.AllowMinMax, hasValue: true) == CheckStatus.Review)
                            Add(findings, failed, review, table, i, RuleCode.NkDominance, CheckStatus.Review, measure.Name, [new Evidence("contributors_holding_statistic", 1), new Evidence("share", 1m)], reasons.Get(RuleCode.NkDominance, CheckStatus.Review, measure.Name, measure.Kind == MeasureKind.Min ? 1 : 2));
                        break;
                    case MeasureKind.StandardDeviation or MeasureKind.Variance:
                        var observations = measure.Observations(i);
                        var dof = DegreesOfFreedomRule.ForDispersion(observations == MeasureColumn.NotGiven ? table.Rows(i) : observations);
                        CheckDof(findings, failed, review, table, i, measure, dof, p, reasons);
                        break;
                    case MeasureKind.Regression:
                        CheckDof(findings, failed, review, table, i, measure, measure.DegreesOfFreedom(i), p, reasons);
                        break;
                }

                if (MissingValuesRule.Evaluate(measure.HasMissing(i), p.CheckMissingValues) == CheckStatus.Review)
                    Add(findings, failed, review, table, i, RuleCode.Missing, CheckStatus.Review, measure.Name, [], reasons.Get(RuleCode.Missing, CheckStatus.Review, measure.Name));
            }
        }

        var messages = new List<string>();
        if (differencing is not null && p.Differencing)
        {
            var diff = DifferencingChecker.Check(table, differencing, p.Threshold);
            foreach (var f in diff)
            {
                review[f.Cell] |= (byte)(1 << (int)RuleCode.Differencing);
                findings.Add(f);
            }

            messages.Add($"Differencing: compared with {differencing.Released.Count} released output(s); {diff.Select(f => f.Cell).Distinct().Count()} cell(s) to review.");
        }

        // Findings were appended cell by cell; merged differencing findings need a stable re-sort by cell.
        var ordered = differencing is null || !p.Differencing ? findings.ToArray() : findings.OrderBy(f => f.Cell).ToArray();
        var verdict = new TableVerdict(table, policy.Reference, failed, review, ordered, messages);
        messages.Insert(0, Summary(verdict, ordered));
        if (table.HasMargins && verdict.FailedCellCount > 0)
            messages.Add("The output has margins: failing cells must be protected from recovery by subtraction (apply the policy's mitigation).");
        return verdict;
    }

    private static string Summary(TableVerdict verdict, Finding[] findings)
    {
        var s = $"{verdict.CellCount} cell(s): {verdict.FailedCellCount} failed, {verdict.ReviewCellCount} to review, under policy {verdict.Policy.Id} ({verdict.Policy.Sha256[..12]}).";
        if (findings.Length == 0) return s;
        var byRule = findings.GroupBy(f => (f.Rule, f.Outcome)).OrderBy(g => g.Key.Rule)
            .Select(g => $"{g.Key.Rule.ToCode()} {g.Key.Outcome.ToText()}: {g.Select(f => f.Cell).Distinct().Count()}");
        return s + " " + string.Join("; ", byRule) + ".";
    }

    private static void CheckMeasureCounts(List<Finding> findings, byte[] failed, byte[] review, TableOutput table, int i, MeasureColumn measure, double value, long cellCount, TablePolicy p, ReasonCache reasons)
    {
        // A filtered count (or a measure with its own contributors) can describe fewer units than the cell.
        long measureCount;
        if (measure.Contributors(i) is var contributors and not MeasureColumn.NotGiven) measureCount = contributors;
        else if (measure.Kind == MeasureKind.Count && !double.IsNaN(value) && value >= 0 && value == Math.Floor(value)) measureCount = (long)value;
        else return;
        if (measureCount == cellCount) return;
        if (ThresholdRule.Evaluate(measureCount, p.Threshold) == CheckStatus.Fail)
            Add(findings, failed, review, table, i, RuleCode.Threshold, CheckStatus.Fail, measure.Name, [new Evidence("measure_count", measureCount, true), new Evidence("threshold", p.Threshold)], reasons.Get(RuleCode.Threshold, CheckStatus.Fail, measure.Name));
        if (ZeroRule.Evaluate(measureCount, false, p.ZerosAreDisclosive) == CheckStatus.Fail)
            Add(findings, failed, review, table, i, RuleCode.Zero, CheckStatus.Fail, measure.Name, [new Evidence("measure_count", 0)], reasons.Get(RuleCode.Zero, CheckStatus.Fail, measure.Name));
    }

    private static void CheckDominance(List<Finding> findings, byte[] failed, byte[] review, TableOutput table, int i, MeasureColumn measure, TablePolicy p, ReasonCache reasons)
    {
        ref readonly var d = ref measure.DominanceArray![i];
        if (p.PRatioEnabled)
        {
            var s = PRatioRule.Evaluate(d, p.P);
            if (s != CheckStatus.Pass)
            {
                var rest = d.Total - d.Largest - d.SecondLargest;
                Evidence[] numbers = [new("largest", d.Largest, true), new("second_largest", d.SecondLargest, true), new("total", d.Total, true), new("remainder", rest, true), new("p", p.P), new("p_times_largest", p.P * d.Largest, true)];
                Add(findings, failed, review, table, i, RuleCode.PRatio, s, measure.Name, numbers, reasons.Get(RuleCode.PRatio, s, measure.Name));
            }
        }

        if (p.NkDominanceEnabled)
        {
            var s = NkDominanceRule.Evaluate(d, p.N, p.K);
            if (s != CheckStatus.Pass)
            {
                var top = p.N == 1 ? d.Largest : d.Largest + d.SecondLargest;
                Evidence[] numbers = [new("top_n", top, true), new("total", d.Total, true), new("n", p.N), new("k", p.K), new("k_times_total", p.K * d.Total, true)];
                Add(findings, failed, review, table, i, RuleCode.NkDominance, s, measure.Name, numbers, reasons.Get(RuleCode.NkDominance, s, measure.Name));
            }
        }
    }

    private static void CheckDof(List<Finding> findings, byte[] failed, byte[] review, TableOutput table, int i, MeasureColumn measure, long dof, TablePolicy p, ReasonCache reasons)
    {
        if (dof == MeasureColumn.NotGiven) return;
        if (DegreesOfFreedomRule.Evaluate(dof, p.MinDegreesOfFreedom) == CheckStatus.Fail)
            Add(findings, failed, review, table, i, RuleCode.Dof, CheckStatus.Fail, measure.Name, [new Evidence("degrees_of_freedom", dof, true), new Evidence("minimum", p.MinDegreesOfFreedom)], reasons.Get(RuleCode.Dof, CheckStatus.Fail, measure.Name));
    }

    private static void Add(List<Finding> findings, byte[] failed, byte[] review, TableOutput table, int cell, RuleCode rule, CheckStatus outcome, string? measure, Evidence[] numbers, string reason)
    {
        var bit = (byte)(1 << (int)rule);
        if (outcome == CheckStatus.Fail) failed[cell] |= bit;
        else review[cell] |= bit;
        findings.Add(new Finding(rule, outcome, cell, table, measure, numbers, reason));
    }

    /// <summary>
    /// Reasons depend on the rule, outcome, measure and policy, never on the cell: each is formatted once
    /// per check and shared by every finding that needs it.
    /// </summary>
    private sealed class ReasonCache(TablePolicy p, string unit)
    {
        private readonly Dictionary<(RuleCode, CheckStatus, string?, int), string> _cache = [];

        public string Get(RuleCode rule, CheckStatus outcome, string? measure, int variant = 0)
        {
            if (_cache.TryGetValue((rule, outcome, measure, variant), out var reason)) return reason;
            reason = (rule, outcome, variant) switch
            {
                (RuleCode.Threshold, _, _) when measure is null => $"Fewer than {p.Threshold} {unit} contribute to this cell.",
                (RuleCode.Threshold, _, _) => $"Measure '{measure}' describes fewer than {p.Threshold} units.",
                (RuleCode.Zero, _, _) when measure is null => "The cell is empty and not a structural zero: it reveals that nobody in the group has this combination.",
                (RuleCode.Zero, _, _) => $"Measure '{measure}' is zero: it reveals that nobody in the group has this property.",
                (RuleCode.Missing, _, _) => $"Measure '{measure}' has missing contributing values.",
                (RuleCode.PRatio, CheckStatus.Review, _) => $"Measure '{measure}' has negative contributions; the p% rule cannot be applied and needs review.",
                (RuleCode.PRatio, _, _) => $"Measure '{measure}': apart from its two largest contributors the cell holds less than {Percent(p.P)} of the largest contribution, so the second largest contributor could estimate the largest one too closely.",
                (RuleCode.NkDominance, CheckStatus.Review, 1) => $"Measure '{measure}' is a minimum: one person's own value; the policy does not allow min/max without review.",
                (RuleCode.NkDominance, CheckStatus.Review, 2) => $"Measure '{measure}' is a maximum: one person's own value; the policy does not allow min/max without review.",
                (RuleCode.NkDominance, CheckStatus.Review, _) => $"Measure '{measure}' has negative contributions; the (n, k) dominance rule cannot be applied and needs review.",
                (RuleCode.NkDominance, _, _) => $"Measure '{measure}': the {p.N} largest contributor(s) hold at least {Percent(p.K)} of the total.",
                (RuleCode.Dof, _, _) => $"Measure '{measure}' has fewer than {p.MinDegreesOfFreedom} residual degrees of freedom.",
                _ => $"{rule.ToCode()} {outcome.ToText()}",
            };
            _cache[(rule, outcome, measure, variant)] = reason;
            return reason;
        }
    }

    private static string Percent(decimal fraction) => (fraction * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
