using System.Numerics;
using Gatekeeper.Disclosure.Privacy.Accounting;
using Gatekeeper.Disclosure.Privacy.Samplers;
using Gatekeeper.Disclosure.Suppression;

namespace Gatekeeper.Disclosure.Privacy.Measurements;

/// <summary>Discrete Laplace noise with a rational scale b: ε = Δ₁ / b exactly (pure DP).</summary>
public sealed class DiscreteLaplaceMechanism : INoiseMechanism
{
    private readonly DiscreteLaplace _distribution;

    public DiscreteLaplaceMechanism(Rational scale) => _distribution = new DiscreteLaplace(scale);

    public Rational Scale => _distribution.Scale;

    public string Description => $"discrete Laplace (scale {Scale.ToDisplayUp()})";

    public PrivacyMeasure Measure => PrivacyMeasure.PureDp;

    /// <summary>The mechanism that spends exactly ε at this sensitivity: b = Δ₁ / ε.</summary>
    public static DiscreteLaplaceMechanism ForEpsilon(Sensitivity sensitivity, Rational epsilon)
    {
        ArgumentNullException.ThrowIfNull(sensitivity);
        if (epsilon.Sign <= 0) throw new ArgumentOutOfRangeException(nameof(epsilon), "ε must be positive.");
        return new DiscreteLaplaceMechanism(sensitivity.L1 / epsilon);
    }

    public PrivacyLoss PrivacyMap(Sensitivity sensitivity)
    {
        ArgumentNullException.ThrowIfNull(sensitivity);
        return PrivacyLoss.Pure(sensitivity.L1 / Scale);
    }

    public BigInteger SampleNoise(ExactSampler random) => _distribution.Sample(random);

    public BigInteger HalfWidth(double alpha) => _distribution.HalfWidth(alpha);

    public double UpperTailBound(BigInteger k) => _distribution.UpperTailBound(k);
}
