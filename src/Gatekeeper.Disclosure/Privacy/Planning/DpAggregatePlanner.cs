using System.Security.Cryptography;
using Gatekeeper.Disclosure.Privacy.Accounting;
using Gatekeeper.Disclosure.Privacy.Budget;
using Gatekeeper.Disclosure.Privacy.Measurements;
using Gatekeeper.Disclosure.Privacy.Partitions;
using Gatekeeper.Disclosure.Suppression;

namespace Gatekeeper.Disclosure.Privacy.Planning;

/// <summary>
/// Plans a DP aggregate from its spec alone (no data): the query's budget is split evenly over its
/// noisy releases — one shared row count if any count or mean is asked, one sum per summed or averaged
/// column, and partition selection when the keys are not public (which also takes the budget's δ) —
/// each release calibrated to spend exactly its share, so the plan's charge equals the allotment.
/// </summary>
public static class DpAggregatePlanner
{
    public static DpAggregatePlan Plan(DpQuerySpec spec, string? salt = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Validate(spec);
        var allotment = spec.Allotment;
        var selection = spec.Keys is ThresholdedGroupKeys;
        var needsRowCount = spec.Measures.Any(m => m.Kind is DpMeasureKind.Count or DpMeasureKind.Mean);
        var summed = spec.Measures.Where(m => m.Kind is DpMeasureKind.Sum or DpMeasureKind.Mean).ToList();
        var releases = (needsRowCount ? 1 : 0) + summed.Count + (selection ? 1 : 0);
        var share = new Rational(1, releases);
        var calibration = allotment.Model == PrivacyBudgetModel.ApproximateDp
            ? NoiseCalibration.Laplace(allotment.Epsilon * share)
            : NoiseCalibration.Gaussian(allotment.Rho * share);

        var rowCount = needsRowCount ? new CountMeasurement("rows", spec.Bounds, calibration) : null;
        var sums = summed.Select(m => new SumMeasurement(m.Name, m.Column!, m.Bounds!, m.Lattice, spec.Bounds, calibration)).ToList();
        var planned = spec.Measures.Select(m =>
        {
            var index = summed.IndexOf(m);
            return new PlannedMeasure(m, index >= 0 ? sums[index] : null, index >= 0 ? DpAggregateSql.SumColumn(index) : null, m.Kind is DpMeasureKind.Count or DpMeasureKind.Mean);
        }).ToList();
        var partition = selection ? new ThresholdPartitionSelection(spec.Bounds, calibration, allotment.Delta) : null;
        salt ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var sql = DpAggregateSql.Build(spec, sums, selection, salt);
        return new DpAggregatePlan(spec, sql, salt, rowCount, planned, partition);
    }

    private static void Validate(DpQuerySpec spec)
    {
        if (spec.Measures.Count == 0) throw new ArgumentException("A DP aggregate needs at least one measure.", nameof(spec));
        var duplicate = spec.Measures.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Measure name '{duplicate.Key}' is used twice.", nameof(spec));
        if (string.IsNullOrWhiteSpace(spec.Source)) throw new ArgumentException("The DP aggregate needs a source relation.", nameof(spec));
        if (string.IsNullOrWhiteSpace(spec.PersonColumn)) throw new ArgumentException("The DP aggregate needs the column that identifies the person (the unit of privacy).", nameof(spec));
        if (spec.GroupColumns.Contains(spec.PersonColumn, StringComparer.Ordinal)) throw new ArgumentException("Grouping by the person column would release per-person values.", nameof(spec));

        var allotment = spec.Allotment;
        var amount = allotment.Model == PrivacyBudgetModel.ApproximateDp ? allotment.Epsilon : allotment.Rho;
        if (amount.Sign <= 0) throw new ArgumentException($"The query's budget ({allotment}) has nothing to spend on noise.", nameof(spec));

        switch (spec.Keys)
        {
            case PublicGroupKeys { Keys: var keys }:
                if (!keys.Columns.SequenceEqual(spec.GroupColumns, StringComparer.Ordinal))
                    throw new ArgumentException($"The public key set is over ({string.Join(", ", keys.Columns)}) but the query groups by ({string.Join(", ", spec.GroupColumns)}).", nameof(spec));
                break;
            case ThresholdedGroupKeys:
                if (spec.GroupColumns.Count == 0) throw new ArgumentException("An ungrouped aggregate has one public group: use public keys, not partition selection.", nameof(spec));
                if (allotment.Delta.Sign <= 0) throw new ArgumentException("Partition selection needs δ > 0 in the query's budget.", nameof(spec));
                break;
            default:
                throw new ArgumentException("The group keys must be public or chosen by partition selection.", nameof(spec));
        }
    }
}
