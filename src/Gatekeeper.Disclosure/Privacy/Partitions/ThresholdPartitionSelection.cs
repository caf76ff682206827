using System.Numerics;
using Gatekeeper.Disclosure.Privacy.Accounting;
using Gatekeeper.Disclosure.Privacy.Bounding;
using Gatekeeper.Disclosure.Privacy.Floating;
using Gatekeeper.Disclosure.Privacy.Measurements;
using Gatekeeper.Disclosure.Privacy.Samplers;
using Gatekeeper.Disclosure.Suppression;

namespace Gatekeeper.Disclosure.Privacy.Partitions;

/// <summary>
/// τ-thresholding on noisy counts of distinct persons per group (stability-based partition selection).
/// A person is in at most G groups, so the count vector has L∞ = 1, L1 = G, L2² = G. A group that exists
/// only because of one person has a true count of 1 and is released when 1 + Z ≥ τ; over the G groups one
/// person can create, δ ≤ G·P(Z ≥ τ − 1). τ is the smallest threshold for which the safe tail bound
/// keeps that at or below δ (for Laplace scale b about 1 + b·ln(G / (δ(1 + e^(−1/b))))). Groups present in
/// both neighbours are protected by the noise: ε = G/b (Laplace) or ρ = G/(2σ²) (Gaussian).
/// </summary>
public sealed class ThresholdPartitionSelection : IMeasurement
{
    public ThresholdPartitionSelection(ContributionBounds bounds, NoiseCalibration calibration, Rational delta)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        ArgumentNullException.ThrowIfNull(calibration);
        if (delta.Sign <= 0 || delta >= Rational.One) throw new ArgumentOutOfRangeException(nameof(delta), $"Partition selection needs 0 < δ < 1, not {delta}.");
        Delta = delta;
        MaxGroupsPerPerson = bounds.MaxGroupsPerPerson;
        Sensitivity = Sensitivity.ForPersons(bounds);
        Noise = calibration.Calibrate(Sensitivity);
        var deltaDown = delta.ToDoubleDown();
        var g = (double)MaxGroupsPerPerson;
        Threshold = NoiseTails.Smallest(k => g * Noise.UpperTailBound(k) <= deltaDown, 1) + 1;
    }

    public string Name => "partition selection";

    public Rational Delta { get; }

    public int MaxGroupsPerPerson { get; }

    public Sensitivity Sensitivity { get; }

    public INoiseMechanism Noise { get; }

    /// <summary>τ: a group is released when its noisy count of persons is at least this.</summary>
    public BigInteger Threshold { get; }

    /// <summary>The ε or ρ of the noisy counts, with the δ of the threshold.</summary>
    public PrivacyLoss Loss
    {
        get
        {
            var noise = Noise.PrivacyMap(Sensitivity);
            return noise.Measure == PrivacyMeasure.PureDp
                ? PrivacyLoss.Approximate(noise.Epsilon, Delta)
                : PrivacyLoss.ApproximateZcdp(noise.Rho, Delta);
        }
    }

    public IReadOnlyList<string> Mechanisms => [$"{Noise.Description} on persons per group, threshold {Threshold}"];

    /// <summary>An upper bound on the probability that a group of one person is released (≤ δ / G by construction).</summary>
    public double SingletonReleaseBound => Noise.UpperTailBound(Threshold - 1);

    /// <summary>Adds noise to the group's count of distinct persons; true when the group may be released.</summary>
    public bool TryRelease(BigInteger persons, INoiseSource noise, out NoisyValue noisyPersons, double confidence = NoisyValue.DefaultConfidence)
    {
        var noisy = persons + noise.Draw(Noise);
        noisyPersons = new NoisyValue(noisy, FloatLattice.Integers, Noise.HalfWidth(1 - confidence), confidence, Noise.Description);
        return noisy >= Threshold;
    }
}
