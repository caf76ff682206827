using System.Numerics;
using Gatekeeper.Disclosure.Privacy.Accounting;
using Gatekeeper.Disclosure.Privacy.Floating;

namespace Gatekeeper.Disclosure.Privacy.Measurements;

/// <summary>
/// One noisy answer with its accuracy: the exact noisy value in lattice units, and the half-width of the
/// noise's confidence interval (P(|noise| &gt; half-width) ≤ 1 − Confidence, by a safe bound). The interval
/// describes the noise only, not the bias that clamping or contribution bounding may add.
/// </summary>
public sealed record NoisyValue(BigInteger LatticeValue, FloatLattice Lattice, BigInteger LatticeHalfWidth, double Confidence, string Mechanism)
{
    public const double DefaultConfidence = 0.95;

    /// <summary>The noisy value in real units (nearest double).</summary>
    public double Value => Lattice.FromLattice(LatticeValue);

    /// <summary>The half-width in real units, rounded up.</summary>
    public double HalfWidth => Lattice.ToReal(LatticeHalfWidth).ToDoubleUp();
}
