namespace Gatekeeper.Disclosure.Privacy.Planning;

/// <summary>
/// One released statistic of one group, with its accuracy: for counts and sums the half-width of the
/// noise's confidence interval, for means an interval from the sum's and count's intervals (null when
/// the noisy count is too small to bound it).
/// </summary>
public sealed record DpCell(string Measure, DpMeasureKind Kind, double? Value, double? HalfWidth, double? Low, double? High, double Confidence);
