using System.Numerics;

namespace Gatekeeper.Disclosure.Privacy.Samplers;

/// <summary>Turns a safe one-sided tail bound of a symmetric integer distribution into a two-sided half-width.</summary>
internal static class NoiseTails
{
    /// <summary>
    /// The smallest a ≥ 0 with 2·tail(a + 1) ≤ alpha, found by doubling then bisection (the bound is
    /// non-increasing in k), starting from a guess.
    /// </summary>
    public static BigInteger SmallestHalfWidth(double alpha, Func<BigInteger, double> upperTail, double guess)
    {
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), $"alpha must be in (0, 1), not {alpha}.");
        return Smallest(a => 2 * upperTail(a + 1) <= alpha, guess);
    }

    /// <summary>The smallest k ≥ 0 for which a monotone predicate (false … false true … true) holds.</summary>
    public static BigInteger Smallest(Func<BigInteger, bool> fits, double guess)
    {
        ArgumentNullException.ThrowIfNull(fits);
        bool Fits(BigInteger k) => fits(k);

        var high = double.IsFinite(guess) && guess > 1 ? new BigInteger(Math.Ceiling(guess)) : BigInteger.One;
        while (!Fits(high)) high *= 2;
        var low = BigInteger.Zero;
        if (Fits(low)) return low;

        // Invariant: Fits(high), !Fits(low).
        while (high - low > 1)
        {
            var mid = (low + high) / 2;
            if (Fits(mid)) high = mid;
            else low = mid;
        }

        return high;
    }
}
