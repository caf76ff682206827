using System.Numerics;

namespace Gatekeeper.Disclosure.Tests.Microdata;

/// <summary>
/// Textbook definitions computed the slow way on generalised rows (LINQ groupings, BigInteger
/// fractions over the full value domain): the oracle for the assessor.
/// </summary>
internal static class MicrodataReference
{
    public static (BigInteger Num, BigInteger Den) EqualDistance(IReadOnlyList<string?> classValues, IReadOnlyList<string?> allValues)
    {
        // ½ Σ_v |c_v/n − G_v/N| = Σ_v |c_v N − G_v n| / (2 n N)
        long n = classValues.Count, total = allValues.Count;
        BigInteger sum = 0;
        foreach (var v in allValues.Distinct())
        {
            var c = classValues.Count(x => x == v);
            var g = allValues.Count(x => x == v);
            sum += BigInteger.Abs(((BigInteger)c * total) - ((BigInteger)g * n));
        }

        return (sum, 2 * (BigInteger)n * total);
    }

    public static (BigInteger Num, BigInteger Den) OrderedDistance(IReadOnlyList<decimal> classValues, IReadOnlyList<decimal> allValues)
    {
        // (1/(m−1)) Σ_{i<m} |Σ_{j≤i} (c_j/n − G_j/N)| over the m distinct values in order.
        var domain = allValues.Distinct().Order().ToList();
        long n = classValues.Count, total = allValues.Count;
        if (domain.Count <= 1) return (0, 1);
        BigInteger cumulative = 0, sum = 0;
        foreach (var v in domain)
        {
            cumulative += ((BigInteger)classValues.Count(x => x == v) * total) - ((BigInteger)allValues.Count(x => x == v) * n);
            sum += BigInteger.Abs(cumulative);
        }

        return (sum, (domain.Count - 1) * (BigInteger)n * total);
    }

    public static double Entropy(IReadOnlyList<string?> values)
    {
        var n = (double)values.Count;
        return -values.GroupBy(v => v).Sum(g => g.Count() / n * Math.Log(g.Count() / n));
    }
}
