using Gatekeeper.Disclosure.Privacy.Measurements;

namespace Gatekeeper.Disclosure.Privacy.Planning;

/// <summary>How one requested statistic is answered: its sum release (sums and means) and whether it uses the shared noisy row count (counts and means).</summary>
public sealed record PlannedMeasure(DpMeasureSpec Spec, SumMeasurement? Sum, string? SumColumn, bool UsesRowCount);
