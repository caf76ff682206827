namespace Gatekeeper.Disclosure.Privacy.Planning;

public enum DpMeasureKind
{
    /// <summary>Number of (contribution-bounded) rows.</summary>
    Count,

    /// <summary>Sum of a clamped column.</summary>
    Sum,

    /// <summary>Mean of a clamped column, as noisy sum / noisy row count (AVG rewritten to SUM/COUNT).</summary>
    Mean,
}
