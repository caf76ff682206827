namespace Gatekeeper.Disclosure.Suppression;

/// <summary>
/// Rounding of counts to a base (default 5): to the nearest multiple, halves up (for base 5 the
/// remainders 1–2 go down and 3–4 go up). Exact on integers.
/// </summary>
public static class BaseRounding
{
    public static long Round(long count, int roundingBase)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(roundingBase, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return (count + (roundingBase / 2)) / roundingBase * roundingBase;
    }
}
