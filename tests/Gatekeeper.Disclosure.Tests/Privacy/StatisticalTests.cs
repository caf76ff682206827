namespace Gatekeeper.Disclosure.Tests.Privacy;

/// <summary>
/// The statistics the sampler tests need, computed here rather than trusted from a library: the
/// regularised incomplete gamma function (series and Lentz continued fraction), χ² and normal
/// critical values by bisection on it, Pearson's χ² with bins merged to expected counts ≥ 5, the Wilson
/// interval and the Kolmogorov–Smirnov statistic.
/// </summary>
public static class StatisticalTests
{
    /// <summary>Every statistical test uses this significance level with a fixed seed.</summary>
    public const double Alpha = 1e-6;

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 5, six terms; relative error below 2e-10).</summary>
    public static double LogGamma(double x)
    {
        double[] c = [76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5];
        var y = x;
        var tmp = x + 5.5;
        tmp -= (x + 0.5) * Math.Log(tmp);
        var series = 1.000000000190015;
        foreach (var coefficient in c) series += coefficient / ++y;
        return -tmp + Math.Log(2.5066282746310005 * series / x);
    }

    /// <summary>Q(a, x) = Γ(a, x)/Γ(a), the upper regularised incomplete gamma function.</summary>
    public static double UpperRegularisedGamma(double a, double x)
    {
        if (x <= 0) return 1;
        var logPrefix = (a * Math.Log(x)) - x - LogGamma(a);
        if (x < a + 1)
        {
            // Series for P(a, x).
            var term = 1 / a;
            var sum = term;
            for (var n = 1; n < 10_000; n++)
            {
                term *= x / (a + n);
                sum += term;
                if (Math.Abs(term) < Math.Abs(sum) * 1e-16) break;
            }

            return 1 - (sum * Math.Exp(logPrefix));
        }

        // Continued fraction for Q(a, x), modified Lentz.
        const double tiny = 1e-300;
        var b = x + 1 - a;
        var cc = 1 / tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < 10_000; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = (an * d) + b;
            if (Math.Abs(d) < tiny) d = tiny;
            cc = b + (an / cc);
            if (Math.Abs(cc) < tiny) cc = tiny;
            d = 1 / d;
            var delta = d * cc;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }

        return Math.Exp(logPrefix) * h;
    }

    /// <summary>The x with P(χ²_df ≥ x) = alpha.</summary>
    public static double ChiSquareCritical(int degreesOfFreedom, double alpha) =>
        Bisect(x => UpperRegularisedGamma(degreesOfFreedom / 2.0, x / 2) - alpha, 0, 10 * degreesOfFreedom + 200);

    /// <summary>Wilson–Hilferty approximation of the same critical value (a cross-check of the gamma function).</summary>
    public static double ChiSquareCriticalWilsonHilferty(int degreesOfFreedom, double alpha)
    {
        var z = NormalUpperQuantile(alpha);
        var k = (double)degreesOfFreedom;
        var v = 1 - (2 / (9 * k)) + (z * Math.Sqrt(2 / (9 * k)));
        return k * v * v * v;
    }

    /// <summary>The z with P(Z ≥ z) = p for a standard normal Z (P(|Z| ≥ z) = Q(1/2, z²/2)).</summary>
    public static double NormalUpperQuantile(double p) => Bisect(z => (UpperRegularisedGamma(0.5, z * z / 2) / 2) - p, 0, 40);

    /// <summary>The Wilson score interval for a binomial proportion at two-sided level alpha.</summary>
    public static (double Low, double High) Wilson(long successes, long trials, double alpha)
    {
        var z = NormalUpperQuantile(alpha / 2);
        var n = (double)trials;
        var p = successes / n;
        var centre = (p + (z * z / (2 * n))) / (1 + (z * z / n));
        var half = z / (1 + (z * z / n)) * Math.Sqrt((p * (1 - p) / n) + (z * z / (4 * n * n)));
        return (centre - half, centre + half);
    }

    /// <summary>
    /// Pearson's χ² of integer samples against a pmf: every integer of the window is a bin, the two tails
    /// outside it are bins too, and adjacent bins are merged left to right until each expects ≥ 5.
    /// Returns the statistic, the degrees of freedom and whether it stays below the critical value.
    /// </summary>
    public static (double Statistic, int DegreesOfFreedom, double Critical) PearsonChiSquare(IReadOnlyList<long> samples, Func<long, double> pmf, long low, long high)
    {
        var n = samples.Count;
        var width = (int)(high - low + 1);
        var observed = new long[width + 2];
        var probability = new double[width + 2];
        foreach (var s in samples)
        {
            var index = s < low ? 0 : s > high ? width + 1 : (int)(s - low + 1);
            observed[index]++;
        }

        var inside = 0.0;
        for (var i = 0; i < width; i++)
        {
            probability[i + 1] = pmf(low + i);
            inside += probability[i + 1];
        }

        // The tails share what the window misses, in proportion to a generous sum outside it.
        var leftTail = 0.0;
        var rightTail = 0.0;
        for (var x = low - 1; x > low - 100_000; x--) leftTail += pmf(x);
        for (var x = high + 1; x < high + 100_000; x++) rightTail += pmf(x);
        probability[0] = leftTail;
        probability[width + 1] = rightTail;

        var bins = new List<(double Expected, long Observed)>();
        var accExpected = 0.0;
        long accObserved = 0;
        for (var i = 0; i < probability.Length; i++)
        {
            accExpected += probability[i] * n;
            accObserved += observed[i];
            if (accExpected >= 5)
            {
                bins.Add((accExpected, accObserved));
                accExpected = 0;
                accObserved = 0;
            }
        }

        if (accExpected > 0 || accObserved > 0)
        {
            var last = bins[^1];
            bins[^1] = (last.Expected + accExpected, last.Observed + accObserved);
        }

        var statistic = bins.Sum(b => (b.Observed - b.Expected) * (b.Observed - b.Expected) / b.Expected);
        var df = bins.Count - 1;
        return (statistic, df, ChiSquareCritical(df, Alpha));
    }

    /// <summary>sup |F_n − F| over the sample points, for a distribution given by its CDF (exact at jumps of a discrete F).</summary>
    public static double KolmogorovSmirnov(IReadOnlyList<double> samples, Func<double, double> cdf, Func<double, double> cdfBelow)
    {
        var sorted = samples.Order().ToArray();
        var n = sorted.Length;
        var d = 0.0;
        var i = 0;
        while (i < n)
        {
            var x = sorted[i];
            var j = i;
            while (j < n && sorted[j] == x) j++;

            // Just below x the empirical CDF is i/n, at x it is j/n.
            d = Math.Max(d, Math.Abs((i / (double)n) - cdfBelow(x)));
            d = Math.Max(d, Math.Abs((j / (double)n) - cdf(x)));
            i = j;
        }

        return d;
    }

    /// <summary>The asymptotic Kolmogorov critical value √(ln(2/alpha)/(2n)); conservative for discrete distributions.</summary>
    public static double KolmogorovCritical(int n, double alpha) => Math.Sqrt(Math.Log(2 / alpha) / (2.0 * n));

    private static double Bisect(Func<double, double> decreasing, double low, double high)
    {
        for (var i = 0; i < 200; i++)
        {
            var mid = (low + high) / 2;
            if (decreasing(mid) > 0) low = mid;
            else high = mid;
        }

        return (low + high) / 2;
    }
}
