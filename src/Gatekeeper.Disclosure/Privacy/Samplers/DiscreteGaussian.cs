using System.Numerics;
using Gatekeeper.Disclosure.Privacy.Accounting;
using Gatekeeper.Disclosure.Suppression;

namespace Gatekeeper.Disclosure.Privacy.Samplers;

/// <summary>
/// The discrete Gaussian N_Z(0, σ²) on the integers, P(x) ∝ exp(−x²/(2σ²)), sampled exactly by CKS20
/// Algorithm 3 for a rational σ² = n/d: propose Y from the discrete Laplace with scale t = ⌊σ⌋ + 1 and
/// keep it with probability exp(−(|Y| − σ²/t)²/(2σ²)), all in exact integer arithmetic.
/// </summary>
public sealed class DiscreteGaussian
{
    private readonly BigInteger _n;
    private readonly BigInteger _t;
    private readonly BigInteger _dt;
    private readonly BigInteger _den;
    private readonly bool _fast;
    private readonly ulong _fastT;
    private readonly UInt128 _fastN;
    private readonly UInt128 _fastDt;
    private readonly ulong _fastDen;

    // σ² and σ rounded both ways, once: the tail bound uses whichever direction is safe.
    private readonly double _s2Up;
    private readonly double _sigmaUp;
    private readonly double _sigmaDown;
    private HalfWidthMemo? _memo;

    public DiscreteGaussian(Rational sigmaSquared, SamplerArithmetic arithmetic = SamplerArithmetic.Auto)
    {
        if (sigmaSquared.Sign <= 0) throw new ArgumentOutOfRangeException(nameof(sigmaSquared), $"σ² must be positive, not {sigmaSquared}.");
        SigmaSquared = sigmaSquared;
        _n = sigmaSquared.Numerator;
        var d = sigmaSquared.Denominator;

        // ⌊σ⌋ = ⌊√⌊σ²⌋⌋ exactly.
        _t = RationalMath.IntegerSquareRoot(_n / d) + 1;
        _dt = d * _t;

        // The acceptance exponent (|Y| − σ²/t)²/(2σ²) = (|Y|·d·t − n)² / (2·n·d·t²).
        _den = 2 * _n * d * _t * _t;
        _fast = arithmetic == SamplerArithmetic.Auto && _t <= uint.MaxValue && _den <= (1UL << 62);
        _s2Up = sigmaSquared.ToDoubleUp();
        _sigmaUp = Math.BitIncrement(Math.Sqrt(_s2Up));
        _sigmaDown = Math.BitDecrement(Math.Sqrt(sigmaSquared.ToDoubleDown()));
        if (_fast)
        {
            _fastT = (ulong)_t;
            _fastN = (UInt128)_n;
            _fastDt = (UInt128)_dt;
            _fastDen = (ulong)_den;
        }
    }

    public Rational SigmaSquared { get; }

    public BigInteger Sample(ExactSampler random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (_fast) return SampleFast(random);
        while (true)
        {
            BigInteger y;
            bool negative;
            do
            {
                y = random.GeometricBig(BigInteger.One, _t);
                negative = random.NextBit();
            }
            while (negative && y.IsZero);

            var diff = (y * _dt) - _n;
            if (random.BernoulliExpBig(diff * diff, _den)) return negative ? -y : y;
        }
    }

    /// <summary>Fills the destination with independent samples (64-bit; an absurdly large σ whose samples do not fit throws).</summary>
    public void Sample(ExactSampler random, Span<long> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (var i = 0; i < destination.Length; i++) destination[i] = _fast ? SampleFast(random) : checked((long)Sample(random));
    }

    /// <summary>
    /// A safe upper bound on P(X ≥ k) for k ≥ 1: the normaliser Σ exp(−x²/2σ²) is at least √(2π)·σ
    /// (Poisson summation), and the tail sum is at most exp(−k²/2σ²) + ∫ₖ^∞ exp(−x²/2σ²) dx, whose Gaussian
    /// integral is bounded by the Mills ratio; so P(X ≥ k) ≤ E·(1/(√(2π)σ) + min(1/2, σ/(k√(2π)))), E = exp(−k²/2σ²).
    /// </summary>
    public double UpperTailBound(BigInteger k)
    {
        if (k.Sign <= 0) return 1d;
        var (s2Up, sigmaUp, sigmaDown) = (_s2Up, _sigmaUp, _sigmaDown);
        var kd = (double)k;
        var e = Math.Exp(-(kd * kd / (2 * s2Up)) * (1 - 1e-12));
        var sqrt2Pi = Math.Sqrt(2 * Math.PI);
        var factor = (1 / (sqrt2Pi * sigmaDown)) + Math.Min(0.5, sigmaUp / (kd * sqrt2Pi));
        return Math.Min(1d, e * factor * (1 + 1e-12));
    }

    /// <summary>A half-width a with P(|X| &gt; a) ≤ alpha (two-sided), by the safe tail bound.</summary>
    public BigInteger HalfWidth(double alpha)
    {
        if (_memo is { } m && m.Alpha == alpha) return m.HalfWidth;
        var result = NoiseTails.SmallestHalfWidth(alpha, UpperTailBound, Math.Sqrt(_s2Up * 2 * Math.Log(2 / alpha)) + 1);
        _memo = new HalfWidthMemo(alpha, result);
        return result;
    }

    private long SampleFast(ExactSampler random)
    {
        while (true)
        {
            ulong y;
            bool negative;
            do
            {
                y = random.Geometric(1, _fastT);
                negative = random.NextBit();
            }
            while (negative && y == 0);

            var a = y * _fastDt;
            var diff = a >= _fastN ? a - _fastN : _fastN - a;

            // Squares beyond 64 bits (|Y| far out in the tail) take the exact BigInteger route.
            var accept = diff < (1UL << 31)
                ? random.BernoulliExp((ulong)diff * (ulong)diff, _fastDen)
                : random.BernoulliExpBig((BigInteger)diff * (BigInteger)diff, _fastDen);
            if (accept) return negative ? -(long)y : (long)y;
        }
    }
}
