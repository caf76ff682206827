namespace Gatekeeper.Disclosure.Tables;

/// <summary>
/// Per-unit contribution totals of one sum/mean-type cell, as the dominance rules need them:
/// each unit's (person's, or row's when there is no unit id) values are summed first, then the two
/// largest unit totals and the grand total are kept. Decimal keeps the rule boundaries exact
/// (p × largest with p = 0.10 is exact in decimal, not in binary floating point).
/// </summary>
/// <param name="Largest">The largest per-unit contribution.</param>
/// <param name="SecondLargest">The second largest per-unit contribution (0 when there is one unit).</param>
/// <param name="Total">The sum of all per-unit contributions.</param>
/// <param name="HasNegative">Whether any per-unit contribution is negative (dominance then returns review).</param>
public readonly record struct DominanceStatistics(decimal Largest, decimal SecondLargest, decimal Total, bool HasNegative)
{
    /// <summary>Builds the statistics from per-unit contributions (used by tests and small producers).</summary>
    public static DominanceStatistics FromContributions(ReadOnlySpan<decimal> contributions)
    {
        decimal largest = 0, second = 0, total = 0;
        var negative = false;
        var seen = 0;
        foreach (var c in contributions)
        {
            total += c;
            negative |= c < 0;
            if (seen == 0 || c > largest)
            {
                if (seen > 0) second = largest;
                largest = c;
            }
            else if (seen == 1 || c > second)
            {
                second = c;
            }

            seen++;
        }

        return new DominanceStatistics(largest, second, total, negative);
    }
}
