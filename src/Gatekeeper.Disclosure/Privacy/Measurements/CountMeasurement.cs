using System.Numerics;
using Gatekeeper.Disclosure.Privacy.Accounting;
using Gatekeeper.Disclosure.Privacy.Bounding;
using Gatekeeper.Disclosure.Privacy.Floating;
using Gatekeeper.Disclosure.Privacy.Samplers;
using Gatekeeper.Disclosure.Suppression;

namespace Gatekeeper.Disclosure.Privacy.Measurements;

/// <summary>A noisy count of the (contribution-bounded) rows per group; one person moves it by the row caps.</summary>
public sealed class CountMeasurement : IMeasurement
{
    public CountMeasurement(string name, ContributionBounds bounds, NoiseCalibration calibration)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        Name = name;
        Sensitivity = Sensitivity.ForRows(bounds, Rational.One);
        Noise = calibration.Calibrate(Sensitivity);
    }

    public string Name { get; }

    public Sensitivity Sensitivity { get; }

    public INoiseMechanism Noise { get; }

    public PrivacyLoss Loss => Noise.PrivacyMap(Sensitivity);

    public IReadOnlyList<string> Mechanisms => [Noise.Description];

    public NoisyValue Release(BigInteger trueCount, INoiseSource noise, double confidence = NoisyValue.DefaultConfidence) =>
        new(trueCount + noise.Draw(Noise), FloatLattice.Integers, Noise.HalfWidth(1 - confidence), confidence, Noise.Description);
}
