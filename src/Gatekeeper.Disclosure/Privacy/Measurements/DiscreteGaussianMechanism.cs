using System.Numerics;
using Gatekeeper.Disclosure.Privacy.Accounting;
using Gatekeeper.Disclosure.Privacy.Samplers;
using Gatekeeper.Disclosure.Suppression;

namespace Gatekeeper.Disclosure.Privacy.Measurements;

/// <summary>Discrete Gaussian noise with a rational σ²: ρ = Δ₂² / (2σ²) exactly (zCDP; CKS20 Theorem 14).</summary>
public sealed class DiscreteGaussianMechanism : INoiseMechanism
{
    private readonly DiscreteGaussian _distribution;

    public DiscreteGaussianMechanism(Rational sigmaSquared) => _distribution = new DiscreteGaussian(sigmaSquared);

    public Rational SigmaSquared => _distribution.SigmaSquared;

    public string Description => $"discrete Gaussian (σ² {SigmaSquared.ToDisplayUp()})";

    public PrivacyMeasure Measure => PrivacyMeasure.ZeroConcentratedDp;

    /// <summary>The mechanism that spends exactly ρ at this sensitivity: σ² = Δ₂² / (2ρ), no square root needed.</summary>
    public static DiscreteGaussianMechanism ForRho(Sensitivity sensitivity, Rational rho)
    {
        ArgumentNullException.ThrowIfNull(sensitivity);
        if (rho.Sign <= 0) throw new ArgumentOutOfRangeException(nameof(rho), "ρ must be positive.");
        return new DiscreteGaussianMechanism(sensitivity.L2Squared / (new Rational(2, 1) * rho));
    }

    public PrivacyLoss PrivacyMap(Sensitivity sensitivity)
    {
        ArgumentNullException.ThrowIfNull(sensitivity);
        return PrivacyLoss.Zcdp(sensitivity.L2Squared / (new Rational(2, 1) * SigmaSquared));
    }

    public BigInteger SampleNoise(ExactSampler random) => _distribution.Sample(random);

    public BigInteger HalfWidth(double alpha) => _distribution.HalfWidth(alpha);

    public double UpperTailBound(BigInteger k) => _distribution.UpperTailBound(k);
}
