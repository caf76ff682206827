using System.Numerics;
using Gatekeeper.Disclosure.Privacy.Bounding;
using Gatekeeper.Disclosure.Privacy.Floating;
using Gatekeeper.Disclosure.Privacy.Measurements;
using Gatekeeper.Disclosure.Privacy.Partitions;
using Gatekeeper.Disclosure.Privacy.Samplers;

namespace Gatekeeper.Disclosure.Privacy.Planning;

/// <summary>
/// Turns the rewritten query's exact aggregates into the release: with public keys every key in the
/// policy's order (absent ones as zeros, keys outside the set never), otherwise the groups whose noisy
/// person count passes the threshold, sorted by key. Every released cell gets fresh noise drawn
/// independently of its value, and its accuracy.
/// </summary>
public static class DpAggregateReleaser
{
    public static DpResult Release(DpAggregatePlan plan, IReadOnlyList<AggregateRow> rows, INoiseSource random, double confidence = NoisyValue.DefaultConfidence)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(random);
        var byKey = new Dictionary<GroupKey, AggregateRow>();
        foreach (var row in rows)
        {
            if (!byKey.TryAdd(row.Key, row)) throw new ArgumentException($"Group '{row.Key}' appears twice in the aggregates.", nameof(rows));
        }

        var candidates = plan.Spec.Keys is PublicGroupKeys { Keys: var keys }
            ? keys.Keys.Select(k => (Key: k, Row: byKey.GetValueOrDefault(k)))
            : byKey.Keys.Order().Select(k => (Key: k, Row: (AggregateRow?)byKey[k]));

        // A mean's interval needs its sum and count each at half the miss rate.
        var partConfidence = 1 - ((1 - confidence) / 2);
        var released = new List<DpResultRow>();
        foreach (var (key, row) in candidates)
        {
            double? noisyPersons = null;
            if (plan.Selection is { } selection)
            {
                if (!selection.TryRelease(Read(row, DpAggregateSql.PersonCountColumn), random, out var persons, confidence)) continue;
                noisyPersons = persons.Value;
            }

            var count = plan.RowCount?.Release(Read(row, DpAggregateSql.RowCountColumn), random, confidence);
            var cells = new List<DpCell>(plan.Measures.Count);
            foreach (var measure in plan.Measures)
            {
                var name = measure.Spec.Name;
                switch (measure.Spec.Kind)
                {
                    case DpMeasureKind.Count:
                        cells.Add(Cell(name, DpMeasureKind.Count, count!, confidence));
                        break;
                    case DpMeasureKind.Sum:
                        cells.Add(Cell(name, DpMeasureKind.Sum, measure.Sum!.Release(Read(row, measure.SumColumn!), random, confidence), confidence));
                        break;
                    default:
                        var sum = measure.Sum!.Release(Read(row, measure.SumColumn!), random, partConfidence);
                        var wideCount = count! with { LatticeHalfWidth = plan.RowCount!.Noise.HalfWidth(1 - partConfidence), Confidence = partConfidence };
                        var mean = MeanMeasurement.Combine(sum, wideCount, confidence);
                        cells.Add(new DpCell(name, DpMeasureKind.Mean, mean.Value, null, mean.Low, mean.High, confidence));
                        break;
                }
            }

            released.Add(new DpResultRow(key.Parts, cells, noisyPersons));
        }

        return new DpResult(plan.Spec.GroupColumns, released, plan.Charge.ToString(), plan.Mechanisms);
    }

    /// <summary>With public keys, the number of groups every release considers (the policy's keys, known before any data is read); otherwise null: the groups the aggregates hold.</summary>
    public static int? PublicKeyGroups(DpAggregatePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Spec.Keys is PublicGroupKeys { Keys: var keys } ? keys.Keys.Count : null;
    }

    /// <summary>
    /// The noise values a release over <paramref name="candidateGroups"/> groups may draw, per mechanism: one
    /// partition-selection draw per candidate, and for a released group one per noisy count and sum. An upper bound
    /// (a group that fails the threshold draws nothing more), so a reservoir filled to it never runs dry.
    /// </summary>
    public static IReadOnlyDictionary<INoiseMechanism, int> NoiseDemand(DpAggregatePlan plan, int candidateGroups)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfNegative(candidateGroups);
        var demand = new Dictionary<INoiseMechanism, int>(ReferenceEqualityComparer.Instance);
        void Add(INoiseMechanism? mechanism)
        {
            if (mechanism is not null) demand[mechanism] = demand.GetValueOrDefault(mechanism) + candidateGroups;
        }

        Add(plan.Selection?.Noise);
        Add(plan.RowCount?.Noise);
        foreach (var measure in plan.Measures) Add(measure.Sum?.Noise);
        return demand;
    }

    private static DpCell Cell(string name, DpMeasureKind kind, NoisyValue value, double confidence)
    {
        var half = value.HalfWidth;
        var centre = value.Value;
        return new DpCell(name, kind, centre, half, Math.BitDecrement(centre - half), Math.BitIncrement(centre + half), confidence);
    }

    private static BigInteger Read(AggregateRow? row, string column)
    {
        if (row is null) return BigInteger.Zero;
        return row.Values.TryGetValue(column, out var value) ? value : throw new ArgumentException($"The aggregates lack column '{column}' for group '{row.Key}'.", nameof(row));
    }
}
