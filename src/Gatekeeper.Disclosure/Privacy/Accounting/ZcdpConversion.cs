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

    /// <summary>
    /// The inverse direction, for display and planning: a δ at which ρ-zCDP gives the asked ε, by the same
    /// proposition (ln δ(α) = (α − 1)(αρ − ε) + (α − 1)·ln(1 − 1/α) − ln α, minimised over ln(α − 1) by ternary
    /// search; any α is valid, so the result is an upper bound, grown by a margin for rounding).
    /// </summary>
    public static double Delta(Rational rho, Rational epsilon)
    {
        var r = rho.ToDoubleUp();
        var e = epsilon.ToDoubleDown();
        if (r == 0) return 0;
        double LogDelta(double t)
        {
            var alpha = 1 + Math.Exp(t);
            return ((alpha - 1) * ((alpha * r) - e)) + ((alpha - 1) * Math.Log(1 - (1 / alpha))) - Math.Log(alpha);
        }

        var (low, high) = (-40.0, 40.0);
        for (var i = 0; i < 300; i++)
        {
            var m1 = low + ((high - low) / 3);
            var m2 = high - ((high - low) / 3);
            if (LogDelta(m1) < LogDelta(m2)) high = m2;
            else low = m1;
        }

        var logDelta = LogDelta((low + high) / 2);
        return Math.Min(1, Math.Exp(logDelta + (1e-10 * (1 + Math.Abs(logDelta)))));
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
