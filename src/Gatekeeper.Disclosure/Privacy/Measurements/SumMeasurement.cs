using System.Numerics;
using Gatekeeper.Disclosure.Privacy.Accounting;
using Gatekeeper.Disclosure.Privacy.Bounding;
using Gatekeeper.Disclosure.Privacy.Floating;
using Gatekeeper.Disclosure.Privacy.Samplers;
using Gatekeeper.Disclosure.Suppression;

namespace Gatekeeper.Disclosure.Privacy.Measurements;

/// <summary>
/// A noisy sum of a clamped column per group. Each row is clamped to the policy's bounds and put on the
/// lattice (<see cref="Integerise"/>), the sum is exact in lattice units, and one person moves it by at
/// most the row caps times the largest lattice bound.
/// </summary>
public sealed class SumMeasurement : IMeasurement
{
    public SumMeasurement(string name, string column, ClampBounds bounds, FloatLattice lattice, ContributionBounds contribution, NoiseCalibration calibration)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        ArgumentNullException.ThrowIfNull(lattice);
        ArgumentNullException.ThrowIfNull(calibration);
        Name = name;
        Column = column;
        Bounds = bounds;
        Lattice = lattice;
        LatticeLower = lattice.ToLattice(bounds.Lower);
        LatticeUpper = lattice.ToLattice(bounds.Upper);

        // Rounding is monotone, so every clamped, rounded row lies in [LatticeLower, LatticeUpper].
        var perRow = Math.Max(Math.Abs(LatticeLower), Math.Abs(LatticeUpper));
        Sensitivity = Sensitivity.ForRows(contribution, new Rational(perRow, BigInteger.One));
        Noise = calibration.Calibrate(Sensitivity.L1.IsZero ? Sensitivity.Scalar(Rational.One) : Sensitivity);
    }

    public string Name { get; }

    public string Column { get; }

    public ClampBounds Bounds { get; }

    public FloatLattice Lattice { get; }

    public long LatticeLower { get; }

    public long LatticeUpper { get; }

    public Sensitivity Sensitivity { get; }

    public INoiseMechanism Noise { get; }

    public PrivacyLoss Loss => Noise.PrivacyMap(Sensitivity);

    public IReadOnlyList<string> Mechanisms => [Noise.Description];

    /// <summary>One row's contribution in lattice units: clamped (NaN refused, ±∞ to the bounds), then rounded.</summary>
    public long Integerise(double value) => Lattice.ToLattice(Bounds.Clamp(value, Column));

    public NoisyValue Release(BigInteger latticeSum, INoiseSource noise, double confidence = NoisyValue.DefaultConfidence) =>
        new(latticeSum + noise.Draw(Noise), Lattice, Noise.HalfWidth(1 - confidence), confidence, Noise.Description);
}
