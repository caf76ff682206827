using Gatekeeper.Disclosure.Privacy.Accounting;
using Gatekeeper.Disclosure.Suppression;

namespace Gatekeeper.Disclosure.Privacy.Measurements;

/// <summary>
/// What a release may spend, and so which noise it gets: ε → discrete Laplace (b = Δ₁/ε), ρ → discrete
/// Gaussian (σ² = Δ₂²/(2ρ)). Either way the privacy map gives back exactly the amount asked for.
/// </summary>
public sealed record NoiseCalibration
{
    private NoiseCalibration(PrivacyMeasure measure, Rational amount)
    {
        if (amount.Sign <= 0) throw new ArgumentOutOfRangeException(nameof(amount), "A release must be given a positive privacy loss to spend.");
        Measure = measure;
        Amount = amount;
    }

    public PrivacyMeasure Measure { get; }

    /// <summary>ε for Laplace, ρ for Gaussian.</summary>
    public Rational Amount { get; }

    public static NoiseCalibration Laplace(Rational epsilon) => new(PrivacyMeasure.PureDp, epsilon);

    public static NoiseCalibration Gaussian(Rational rho) => new(PrivacyMeasure.ZeroConcentratedDp, rho);

    public INoiseMechanism Calibrate(Sensitivity sensitivity) => Measure == PrivacyMeasure.PureDp
        ? DiscreteLaplaceMechanism.ForEpsilon(sensitivity, Amount)
        : DiscreteGaussianMechanism.ForRho(sensitivity, Amount);
}
