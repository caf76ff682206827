using System.Numerics;
using Gatekeeper.Disclosure.Privacy.Accounting;
using Gatekeeper.Disclosure.Suppression;

namespace Gatekeeper.Disclosure.Privacy.Floating;

/// <summary>
/// Real values handled the OpenDP way, on the lattice of multiples of 2^Exponent. Rows are clamped,
/// then rounded to the nearest lattice point (ties away from zero, as DuckDB's <c>round</c>), and summed
/// as integers, so the sum is exact (no floating-point accumulation error can change the sensitivity) and
/// integer noise applies. For an aggregate that was already computed in floating point and is rounded
/// once, <see cref="SensitivityAfterRounding"/> adds the rounding distance to the sensitivity instead.
/// </summary>
public sealed record FloatLattice
{
    // Lattice values must fit a long with room to spare.
    private const double MaxLatticeMagnitude = 4.611686018427388E+18; // 2^62

    public FloatLattice(int exponent)
    {
        if (exponent is < -1000 or > 1000) throw new ArgumentOutOfRangeException(nameof(exponent), $"Lattice exponent {exponent} is outside ±1000.");
        Exponent = exponent;
    }

    /// <summary>Values are multiples of 2^Exponent (0 for integers such as counts).</summary>
    public int Exponent { get; }

    public static FloatLattice Integers { get; } = new(0);

    /// <summary>The lattice that gives the bounds about <paramref name="bits"/> bits of resolution: 2^k ≤ max|bound| / 2^bits.</summary>
    public static FloatLattice ForBounds(ClampBounds bounds, int bits = 32)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        var magnitude = bounds.MaxMagnitude;
        if (magnitude == 0) return Integers;
        return new FloatLattice(Math.ILogB(magnitude) - bits);
    }

    /// <summary>The lattice step 2^Exponent exactly.</summary>
    public Rational Step => RationalMath.PowerOfTwo(Exponent);

    /// <summary>round(value / 2^k) exactly (scaling by a power of two is exact); NaN and infinities are refused.</summary>
    public long ToLattice(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"{value} cannot be put on the lattice: clamp first (NaN is refused, infinities clamp to the bounds).", nameof(value));
        var scaled = Math.Round(Math.ScaleB(value, -Exponent), MidpointRounding.AwayFromZero);
        if (Math.Abs(scaled) > MaxLatticeMagnitude) throw new OverflowException($"{value} is beyond 2^62 lattice steps of 2^{Exponent}: choose a coarser lattice.");
        return (long)scaled;
    }

    /// <summary>The nearest double to m · 2^k.</summary>
    public double FromLattice(BigInteger latticeValue) => Math.ScaleB((double)latticeValue, Exponent);

    /// <summary>Lattice units → real units, exactly.</summary>
    public Rational ToReal(BigInteger latticeValue) => new Rational(latticeValue, BigInteger.One) * Step;

    /// <summary>
    /// Sensitivity in lattice units when an aggregate with real sensitivity Δ is rounded once to the lattice:
    /// each of two neighbouring aggregates moves by at most half a step, so Δ/2^k + 1.
    /// </summary>
    public Rational SensitivityAfterRounding(Rational sensitivity) => (sensitivity / Step) + Rational.One;
}
