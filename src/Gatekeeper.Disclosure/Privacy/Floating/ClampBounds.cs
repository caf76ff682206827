namespace Gatekeeper.Disclosure.Privacy.Floating;

/// <summary>
/// The clamping interval of a measured column. It comes from the policy's metadata, never from the
/// data (bounds read off the data would themselves leak). NaN is refused; infinities clamp to the bounds.
/// </summary>
public sealed record ClampBounds
{
    public ClampBounds(double lower, double upper)
    {
        if (!double.IsFinite(lower) || !double.IsFinite(upper)) throw new ArgumentException($"Clamping bounds must be finite numbers, not [{lower}, {upper}].", nameof(lower));
        if (lower > upper) throw new ArgumentException($"The lower clamping bound {lower} is above the upper bound {upper}.", nameof(lower));
        Lower = lower;
        Upper = upper;
    }

    public double Lower { get; }

    public double Upper { get; }

    /// <summary>The largest magnitude a clamped value can have: what one row can move a sum by.</summary>
    public double MaxMagnitude => Math.Max(Math.Abs(Lower), Math.Abs(Upper));

    /// <summary>Clamps into [Lower, Upper]; ±∞ become the bounds; NaN is refused with an error naming the column.</summary>
    public double Clamp(double value, string column = "value")
    {
        if (double.IsNaN(value)) throw new ArgumentException($"NaN in '{column}' is refused: impute missing values with a constant from the policy before the DP aggregate.", nameof(value));
        return Math.Clamp(value, Lower, Upper);
    }
}
