namespace Gatekeeper.VisitingEnvironment.Shadow;

/// <summary>One measure of one cell, with what the disclosure rules need to judge it.</summary>
/// <param name="Value">The published value as a number (null for SQL NULL or a non-numeric value such as a date).</param>
/// <param name="Observations">Non-null values aggregated (after the aggregate's FILTER).</param>
/// <param name="Contributors">Distinct persons contributing a non-null value.</param>
/// <param name="HasMissing">Whether a row of the cell had a missing (NULL) value for this measure.</param>
/// <param name="Largest">Sum and mean: the largest per-person contribution total.</param>
/// <param name="SecondLargest">Sum and mean: the second largest (0 with one contributor).</param>
/// <param name="Total">Sum and mean: the total of all per-person contributions.</param>
/// <param name="HasNegative">Sum and mean: whether a per-person contribution is negative.</param>
public sealed record ShadowMeasureStatistics(
    double? Value,
    long Observations,
    long Contributors,
    bool HasMissing,
    decimal? Largest = null,
    decimal? SecondLargest = null,
    decimal? Total = null,
    bool HasNegative = false);
