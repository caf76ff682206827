using Gatekeeper.Disclosure.Privacy.Accounting;
using Gatekeeper.Disclosure.Privacy.Samplers;
using Gatekeeper.Disclosure.Suppression;

namespace Gatekeeper.Disclosure.Privacy.Measurements;

/// <summary>
/// The exponential mechanism over a public candidate list with integer scores (lower is better):
/// P(i) ∝ exp(−sᵢ / T) for a rational temperature T, so ε = 2Δ/T for scores of sensitivity Δ. Sampled
/// exactly, without logarithms or floating-point weights: propose i uniformly and accept with
/// Bernoulli(exp(−(sᵢ − min s)/T)), which accepts i with probability proportional to its weight.
/// </summary>
public sealed class ExponentialMechanism : IPrivacyMechanism
{
    public ExponentialMechanism(Rational temperature)
    {
        if (temperature.Sign <= 0) throw new ArgumentOutOfRangeException(nameof(temperature), "The temperature must be positive.");
        Temperature = temperature;
    }

    public Rational Temperature { get; }

    public string Description => $"exponential mechanism (temperature {Temperature.ToDisplayUp()})";

    public PrivacyMeasure Measure => PrivacyMeasure.PureDp;

    /// <summary>The mechanism spending exactly ε for scores whose sensitivity is Δ: T = 2Δ/ε.</summary>
    public static ExponentialMechanism ForEpsilon(Rational scoreSensitivity, Rational epsilon)
    {
        if (epsilon.Sign <= 0) throw new ArgumentOutOfRangeException(nameof(epsilon), "ε must be positive.");
        return new ExponentialMechanism(new Rational(2, 1) * scoreSensitivity / epsilon);
    }

    public PrivacyLoss PrivacyMap(Sensitivity sensitivity)
    {
        ArgumentNullException.ThrowIfNull(sensitivity);
        return PrivacyLoss.Pure(new Rational(2, 1) * sensitivity.LInfinity / Temperature);
    }

    /// <summary>The index of the chosen candidate.</summary>
    public int Select(IReadOnlyList<Int128> scores, ExactSampler random)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(random);
        if (scores.Count == 0) throw new ArgumentException("The exponential mechanism needs at least one candidate.", nameof(scores));
        var best = scores.Min();
        var t = Temperature;
        while (true)
        {
            var i = (int)random.UniformBelow((ulong)scores.Count);
            var excess = new Rational((System.Numerics.BigInteger)(scores[i] - best), System.Numerics.BigInteger.One);
            if (random.BernoulliExp(excess / t)) return i;
        }
    }

    /// <summary>
    /// With probability ≥ 1 − beta the chosen score is within T·ln(m/beta) of the best (the standard
    /// utility bound), rounded up with a margin.
    /// </summary>
    public double ScoreErrorBound(int candidates, double beta) =>
        Math.BitIncrement(Temperature.ToDoubleUp() * Math.Log(candidates / beta) * (1 + 1e-12));
}
