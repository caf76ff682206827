namespace Gatekeeper.Disclosure.Tables;

/// <summary>
/// One measure of one cell with the shadow statistics its rules need (input to <see cref="TableOutputBuilder"/>).
/// </summary>
/// <param name="Value">The published value (null for SQL NULL).</param>
/// <param name="Dominance">Per-unit contribution totals; required for sum and mean measures.</param>
/// <param name="Observations">Non-null values aggregated (for standard deviation/variance degrees of freedom); defaults to the cell's rows.</param>
/// <param name="DegreesOfFreedom">Residual degrees of freedom; required for regression measures.</param>
/// <param name="Contributors">Distinct units contributing a non-null value, when it differs from the cell's count (e.g. a filtered count).</param>
/// <param name="HasMissing">Whether any contributing row had a missing value for this measure.</param>
public readonly record struct MeasureStatistics(
    double? Value,
    DominanceStatistics? Dominance = null,
    long? Observations = null,
    long? DegreesOfFreedom = null,
    long? Contributors = null,
    bool HasMissing = false);
