using Gatekeeper.Disclosure.Suppression;

namespace Gatekeeper.Disclosure.Privacy.Accounting;

/// <summary>
/// ρ-zCDP → (ε, δ)-DP by Canonne, Kamath and Steinke (2020), Proposition 12 / Corollary 13: for every
/// α &gt; 1, ε(α) = αρ + ((α − 1)·ln(1 − 1/α) − ln α + ln(1/δ)) / (α − 1). Any α gives a valid ε, so α is
/// only optimised numerically; the chosen ε(α) is then evaluated with a margin that covers floating-point
/// error and returned as an exact rational at or above it. Never worse than the classic ρ + 2√(ρ ln(1/δ)),
/// which is also computed (conservatively) and used if smaller.
/// </summary>
public static class ZcdpConversion
{
    public static Rational Epsilon(Rational rho, Rational delta)
    {
        if (rho.Sign < 0) throw new ArgumentOutOfRangeException(nameof(rho), "ρ cannot be negative.");
        if (delta.Sign <= 0 || delta >= Rational.One) throw new ArgumentOutOfRangeException(nameof(delta), $"The conversion needs 0 < δ < 1, not {delta}.");
        if (rho.IsZero) return Rational.Zero;

        // Rounding the inputs the unfavourable way first: a larger ρ and a smaller δ only increase ε.
        var r = rho.ToDoubleUp();
        var logInverseDelta = -Math.Log(delta.ToDoubleDown());
        var alpha = OptimalAlpha(r, logInverseDelta);
        var cks = Cks(alpha, r, logInverseDelta);
        var classic = Classic(r, logInverseDelta);
        return RationalMath.FromDouble(Math.Min(cks, classic));
    }

    /// <summary>The inverse direction for display and planning: δ at which ρ-zCDP gives the asked ε (by the same bound, for α on a grid; an upper bound on δ).</summary>
    public static double Delta(Rational rho, Rational epsilon)
    {
        var r = rho.ToDoubleUp();
        var e = epsilon.ToDoubleDown();
        if (r == 0) return 0;
        var best = 1.0;
        for (var alpha = 1.0001; alpha < 1e6; alpha *= 1.01)
        {
            // ln δ(α) = (α − 1)(αρ − ε) + (α − 1)·ln(1 − 1/α) − ln α, from the same proposition.
            var logDelta = ((alpha - 1) * ((alpha * r) - e)) + ((alpha - 1) * Math.Log(1 - (1 / alpha))) - Math.Log(alpha);
            best = Math.Min(best, Math.Exp(logDelta));
        }

        return Math.Min(1, best * (1 + 1e-9));
    }

    /// <summary>ε(α) is convex in α; its derivative is positive iff ρ &gt; −ln(αδ)/(α − 1)². Bisection on that sign.</summary>
    private static double OptimalAlpha(double rho, double logInverseDelta)
    {
        bool Rising(double a) => rho > (logInverseDelta - Math.Log(a)) / ((a - 1) * (a - 1));
        var low = 1.0 + 1e-9;
        var high = 2.0;
        while (!Rising(high) && high < 1e300) high *= 2;
        for (var i = 0; i < 200 && high - low > 1e-12 * high; i++)
        {
            var mid = (low + high) / 2;
            if (Rising(mid)) high = mid;
            else low = mid;
        }

        return high;
    }

    private static double Cks(double alpha, double rho, double logInverseDelta)
    {
        var am1 = alpha - 1;
        var first = alpha * rho;
        var a = am1 * Math.Log(am1 / alpha);
        var b = Math.Log(alpha);
        var value = first + ((a - b + logInverseDelta) / am1);

        // Each term carries at most a few ulps of error; the margin is a million times that, absolute and relative.
        var scale = Math.Abs(first) + ((Math.Abs(a) + Math.Abs(b) + Math.Abs(logInverseDelta)) / am1);
        return value + (scale * 1e-10) + double.Epsilon;
    }

    private static double Classic(double rho, double logInverseDelta)
    {
        var value = rho + (2 * Math.Sqrt(rho * logInverseDelta));
        return (value * (1 + 1e-10)) + double.Epsilon;
    }
}
