using System.Numerics;
using Gatekeeper.Disclosure.Privacy.Accounting;
using Gatekeeper.Disclosure.Privacy.Bounding;
using Gatekeeper.Disclosure.Privacy.Floating;
using Gatekeeper.Disclosure.Privacy.Samplers;

namespace Gatekeeper.Disclosure.Privacy.Measurements;

/// <summary>A mean as a noisy sum over a noisy count: both are released, so both are charged.</summary>
public sealed class MeanMeasurement : IMeasurement
{
    public MeanMeasurement(string name, string column, ClampBounds bounds, FloatLattice lattice, ContributionBounds contribution, NoiseCalibration sumCalibration, NoiseCalibration countCalibration)
    {
        Name = name;
        Sum = new SumMeasurement(name + ".sum", column, bounds, lattice, contribution, sumCalibration);
        Count = new CountMeasurement(name + ".count", contribution, countCalibration);
    }

    public string Name { get; }

    public SumMeasurement Sum { get; }

    public CountMeasurement Count { get; }

    public PrivacyLoss Loss => Sum.Loss.Compose(Count.Loss);

    public IReadOnlyList<string> Mechanisms => [.. Sum.Mechanisms, .. Count.Mechanisms];

    public NoisyMean Release(BigInteger latticeSum, BigInteger count, INoiseSource random, double confidence = NoisyValue.DefaultConfidence)
    {
        // Each part gets half the miss rate, so both hold together with the stated confidence (union bound).
        var partConfidence = 1 - ((1 - confidence) / 2);
        var sum = Sum.Release(latticeSum, random, partConfidence);
        var n = Count.Release(count, random, partConfidence);
        return Combine(sum, n, confidence);
    }

    /// <summary>The ratio and its interval from two released values (post-processing: no further privacy cost).</summary>
    public static NoisyMean Combine(NoisyValue sum, NoisyValue count, double confidence)
    {
        ArgumentNullException.ThrowIfNull(sum);
        ArgumentNullException.ThrowIfNull(count);
        var c = count.Value;
        var value = c >= 1 ? sum.Value / c : (double?)null;
        var cLow = c - count.HalfWidth;
        if (!(cLow > 0)) return new NoisyMean(sum, count, value, null, null, confidence);

        // The true (sum, count) lies in a box; the ratio's extremes are at its corners.
        var sLow = sum.Value - sum.HalfWidth;
        var sHigh = sum.Value + sum.HalfWidth;
        var cHigh = c + count.HalfWidth;
        double[] corners = [sLow / cLow, sLow / cHigh, sHigh / cLow, sHigh / cHigh];
        return new NoisyMean(sum, count, value, Math.BitDecrement(corners.Min()), Math.BitIncrement(corners.Max()), confidence);
    }
}
