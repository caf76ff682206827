using System.Numerics;
using Gatekeeper.Disclosure.Privacy.Accounting;
using Gatekeeper.Disclosure.Suppression;

namespace Gatekeeper.Disclosure.Privacy.Samplers;

/// <summary>
/// The discrete Laplace distribution on the integers, P(x) ∝ exp(−|x| / scale), sampled exactly by
/// CKS20 Algorithm 2 for a rational scale t/s: G ~ Geometric(exp(−s/t)) and a fair sign, rejecting
/// "−0" so zero is not counted twice.
/// </summary>
public sealed class DiscreteLaplace
{
    // ulong sampling while t, s ≤ 2^40: no intermediate can overflow (see ExactSampler.Geometric).
    private const ulong FastLimit = 1UL << 40;

    private readonly BigInteger _s;
    private readonly BigInteger _t;
    private readonly ulong _fastS;
    private readonly ulong _fastT;
    private readonly bool _fast;

    // The scale rounded both ways, once: the tail bounds use whichever direction is safe.
    private readonly double _scaleUp;
    private readonly double _scaleDown;
    private HalfWidthMemo? _memo;

    public DiscreteLaplace(Rational scale, SamplerArithmetic arithmetic = SamplerArithmetic.Auto)
    {
        if (scale.Sign <= 0) throw new ArgumentOutOfRangeException(nameof(scale), $"The discrete Laplace scale must be positive, not {scale}.");
        Scale = scale;
        _t = scale.Numerator;
        _s = scale.Denominator;
        _fast = arithmetic == SamplerArithmetic.Auto && _t <= FastLimit && _s <= FastLimit;
        _scaleUp = scale.ToDoubleUp();
        _scaleDown = scale.ToDoubleDown();
        if (_fast)
        {
            _fastT = (ulong)_t;
            _fastS = (ulong)_s;
        }
    }

    public Rational Scale { get; }

    public BigInteger Sample(ExactSampler random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (_fast) return SampleFast(random);
        while (true)
        {
            var g = random.GeometricBig(_s, _t);
            var negative = random.NextBit();
            if (negative && g.IsZero) continue;
            return negative ? -g : g;
        }
    }

    /// <summary>Fills the destination with independent samples (64-bit; an absurdly large scale whose samples do not fit throws).</summary>
    public void Sample(ExactSampler random, Span<long> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (var i = 0; i < destination.Length; i++) destination[i] = _fast ? SampleFast(random) : checked((long)Sample(random));
    }

    /// <summary>A safe upper bound on P(X ≥ k): exactly exp(−k/b)/(1 + exp(−1/b)) for k ≥ 1, with a margin for floating-point error.</summary>
    public double UpperTailBound(BigInteger k)
    {
        if (k.Sign <= 0) return 1d;
        var bUp = _scaleUp;
        var bDown = _scaleDown;

        // The exponent is shrunk and the result grown by far more than the few ulps of error exp and division can make.
        var tail = Math.Exp(-((double)k / bUp) * (1 - 1e-12));
        var q = Math.Exp(-(1 / bDown) * (1 + 1e-12)) * (1 - 1e-12);
        return Math.Min(1d, tail / (1 + q) * (1 + 1e-12));
    }

    /// <summary>
    /// A half-width a with P(|X| &gt; a) ≤ alpha (two-sided; e.g. alpha = 0.05 for a 95 % interval), by the
    /// safe tail bound; it is the smallest such a up to that bound's tiny margin.
    /// </summary>
    public BigInteger HalfWidth(double alpha)
    {
        if (_memo is { } m && m.Alpha == alpha) return m.HalfWidth;
        var result = NoiseTails.SmallestHalfWidth(alpha, UpperTailBound, _scaleUp * Math.Log(2 / alpha));
        _memo = new HalfWidthMemo(alpha, result);
        return result;
    }

    private long SampleFast(ExactSampler random)
    {
        while (true)
        {
            var g = random.Geometric(_fastS, _fastT);
            var negative = random.NextBit();
            if (negative && g == 0) continue;
            return negative ? -(long)g : (long)g;
        }
    }
}
