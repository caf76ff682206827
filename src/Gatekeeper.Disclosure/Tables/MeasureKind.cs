namespace Gatekeeper.Disclosure.Tables;

/// <summary>What a measure column computes; decides which rules apply to it.</summary>
public enum MeasureKind
{
    /// <summary>A count of rows or persons (threshold, zero).</summary>
    Count,

    /// <summary>A sum of values (threshold, zero, p-ratio, nk-dominance, missing).</summary>
    Sum,

    /// <summary>A mean: a sum divided by a count, so dominance applies as for sums.</summary>
    Mean,

    /// <summary>A median (threshold, zero, missing).</summary>
    Median,

    /// <summary>Any other quantile (threshold, zero, missing).</summary>
    Quantile,

    /// <summary>A minimum: one person's value (review unless the policy allows).</summary>
    Min,

    /// <summary>A maximum: one person's value (review unless the policy allows).</summary>
    Max,

    /// <summary>A standard deviation; degrees of freedom = observations − 1.</summary>
    StandardDeviation,

    /// <summary>A variance; degrees of freedom = observations − 1.</summary>
    Variance,

    /// <summary>A regression-type output (coefficient, standard error…) carrying its residual degrees of freedom.</summary>
    Regression,
}
