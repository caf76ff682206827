using System.Numerics;
using Gatekeeper.Disclosure.Privacy.Accounting;
using Gatekeeper.Disclosure.Privacy.Bounding;
using Gatekeeper.Disclosure.Privacy.Samplers;
using Gatekeeper.Disclosure.Suppression;

namespace Gatekeeper.Disclosure.Privacy.Measurements;

/// <summary>
/// The q-quantile (q = a/b) of a column by the exponential mechanism over candidates from the policy
/// (never from the data). With n rows, Lᶜ rows below candidate c and Eᶜ rows equal to it, c is an exact
/// q-quantile when Lᶜ ≤ q·n ≤ Lᶜ + Eᶜ; the integer score s(c) = max(b·Lᶜ − a·n, a·n − b·(Lᶜ + Eᶜ), 0) is how
/// far (times b) it misses. One row moves each term by at most max(a, b − a), so a person with ≤ R rows
/// moves the score by Δ = R·max(a, b − a). A scalar (ungrouped) measurement, ε-DP.
/// </summary>
public sealed class QuantileMeasurement : IMeasurement
{
    private readonly double[] _candidates;
    private readonly BigInteger _a;
    private readonly BigInteger _b;

    public QuantileMeasurement(string name, IReadOnlyList<double> candidates, Rational quantile, ContributionBounds contribution, Rational epsilon)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(contribution);
        if (candidates.Count == 0) throw new ArgumentException("A quantile needs at least one candidate value from the policy.", nameof(candidates));
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!double.IsFinite(candidates[i])) throw new ArgumentException($"Quantile candidate {candidates[i]} is not a finite number.", nameof(candidates));
            if (i > 0 && !(candidates[i] > candidates[i - 1])) throw new ArgumentException("Quantile candidates must be strictly increasing.", nameof(candidates));
        }

        if (quantile.Sign < 0 || quantile > Rational.One) throw new ArgumentOutOfRangeException(nameof(quantile), $"The quantile {quantile} is outside [0, 1].");
        Name = name;
        Quantile = quantile;
        _candidates = [.. candidates];
        _a = quantile.Numerator;
        _b = quantile.Denominator;
        ScoreSensitivity = new Rational(contribution.MaxRowsPerPerson * BigInteger.Max(_a, _b - _a), BigInteger.One);
        Mechanism = ExponentialMechanism.ForEpsilon(ScoreSensitivity, epsilon);
    }

    public string Name { get; }

    public Rational Quantile { get; }

    public IReadOnlyList<double> Candidates => _candidates;

    public Rational ScoreSensitivity { get; }

    public ExponentialMechanism Mechanism { get; }

    public PrivacyLoss Loss => Mechanism.PrivacyMap(Sensitivity.Scalar(ScoreSensitivity));

    public IReadOnlyList<string> Mechanisms => [Mechanism.Description];

    /// <summary>Integer scores of every candidate for these (already contribution-bounded) values; NaN is refused.</summary>
    public Int128[] Scores(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = new double[values.Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            if (double.IsNaN(values[i])) throw new ArgumentException($"NaN in the values of '{Name}' is refused: impute before the quantile.", nameof(values));
            sorted[i] = values[i];
        }

        Array.Sort(sorted);
        var n = (Int128)sorted.Length;
        var a = (Int128)_a;
        var b = (Int128)_b;
        var scores = new Int128[_candidates.Length];
        for (var i = 0; i < _candidates.Length; i++)
        {
            var below = (Int128)LowerBound(sorted, _candidates[i]);
            var upTo = (Int128)UpperBound(sorted, _candidates[i]);
            scores[i] = Int128.Max(Int128.Max((b * below) - (a * n), (a * n) - (b * upTo)), 0);
        }

        return scores;
    }

    public NoisyQuantile Release(IReadOnlyList<double> values, ExactSampler random, double confidence = NoisyValue.DefaultConfidence)
    {
        var index = Mechanism.Select(Scores(values), random);
        var rankError = Mechanism.ScoreErrorBound(_candidates.Length, 1 - confidence) / (double)_b;
        return new NoisyQuantile(_candidates[index], index, Math.BitIncrement(rankError), confidence, Mechanism.Description);
    }

    private static int LowerBound(double[] sorted, double value)
    {
        var (lo, hi) = (0, sorted.Length);
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1;
            else hi = mid;
        }

        return lo;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        var (lo, hi) = (0, sorted.Length);
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) lo = mid + 1;
            else hi = mid;
        }

        return lo;
    }
}
