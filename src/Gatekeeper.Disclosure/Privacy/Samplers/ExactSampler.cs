using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Gatekeeper.Disclosure.Privacy.Accounting;
using Gatekeeper.Disclosure.Privacy.Measurements;
using Gatekeeper.Disclosure.Suppression;

namespace Gatekeeper.Disclosure.Privacy.Samplers;

/// <summary>
/// Exact samplers on integers and rationals after Canonne, Kamath and Steinke (2020), "The Discrete
/// Gaussian for Differential Privacy" (CKS20). Every decision compares fair random bits with exact
/// integer or rational quantities, so no floating-point rounding shapes the noise (the weakness
/// Mironov 2012 exploited in floating-point Laplace samplers). Not thread-safe: use one per run or thread.
/// As an <see cref="INoiseSource"/> it draws each noise value when a release asks for it.
/// </summary>
public sealed class ExactSampler : INoiseSource
{
    // Random words are fetched 2 KiB at a time, so one CSPRNG call serves many samples.
    private const int BufferWords = 256;

    // The ulong paths need 2·numerator < 2^64, i.e. denominators of at most 2^63.
    private const ulong MaxFastDenominator = 1UL << 63;

    private readonly IRandomSource _source;
    private readonly ulong[] _words = new ulong[BufferWords];
    private int _nextWord = BufferWords;
    private ulong _bits;
    private int _bitCount;

    public ExactSampler(IRandomSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
    }

    /// <summary>A sampler on the operating system's CSPRNG: the only kind a release may use.</summary>
    public static ExactSampler CreateSecure() => new(CryptoRandomSource.Instance);

    /// <summary>One noise value of the mechanism, drawn now.</summary>
    public BigInteger Draw(INoiseMechanism mechanism)
    {
        ArgumentNullException.ThrowIfNull(mechanism);
        return mechanism.SampleNoise(this);
    }

    /// <summary>One fair bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool NextBit()
    {
        if (_bitCount == 0)
        {
            _bits = NextWord();
            _bitCount = 64;
        }

        var bit = (_bits & 1) != 0;
        _bits >>= 1;
        _bitCount--;
        return bit;
    }

    /// <summary>Uniform on {0, …, n − 1} by rejection of ⌈log₂ n⌉-bit draws (no modulo bias).</summary>
    public ulong UniformBelow(ulong n)
    {
        if (n == 0) throw new ArgumentOutOfRangeException(nameof(n), "The range {0, …, n − 1} must not be empty.");
        if (n == 1) return 0;
        var bits = 64 - BitOperations.LeadingZeroCount(n - 1);
        while (true)
        {
            var v = NextBits(bits);
            if (v < n) return v;
        }
    }

    /// <summary>Uniform on {0, …, n − 1} for any positive n, by rejection (no modulo bias).</summary>
    public BigInteger UniformBelow(BigInteger n)
    {
        if (n.Sign <= 0) throw new ArgumentOutOfRangeException(nameof(n), "The range {0, …, n − 1} must not be empty.");
        if (n <= ulong.MaxValue) return UniformBelow((ulong)n);
        var bits = (n - 1).GetBitLength();
        var words = (int)((bits + 63) / 64);
        var topBits = (int)(bits - (64L * (words - 1)));
        var buffer = new ulong[words];
        while (true)
        {
            for (var i = 0; i < words - 1; i++) buffer[i] = NextWord();
            buffer[^1] = NextBits(topBits);
            var v = new BigInteger(MemoryMarshal.AsBytes(buffer.AsSpan()), isUnsigned: true, isBigEndian: !BitConverter.IsLittleEndian);
            if (v < n) return v;
        }
    }

    /// <summary>Bernoulli(p) for a rational p in [0, 1].</summary>
    public bool Bernoulli(Rational p)
    {
        if (p.Sign < 0 || p > Rational.One) throw new ArgumentOutOfRangeException(nameof(p), $"p = {p} is not a probability.");
        return p.Denominator <= MaxFastDenominator
            ? Bernoulli((ulong)p.Numerator, (ulong)p.Denominator)
            : BernoulliBig(p.Numerator, p.Denominator);
    }

    /// <summary>Bernoulli(exp(−x)) for a rational x ≥ 0 (CKS20 Algorithm 1, both for x ≤ 1 and x > 1).</summary>
    public bool BernoulliExp(Rational x)
    {
        if (x.Sign < 0) throw new ArgumentOutOfRangeException(nameof(x), $"exp(−x) needs x ≥ 0, not {x}.");
        return x.Denominator <= MaxFastDenominator && x.Numerator <= ulong.MaxValue
            ? BernoulliExp((ulong)x.Numerator, (ulong)x.Denominator)
            : BernoulliExpBig(x.Numerator, x.Denominator);
    }

    /// <summary>A geometric variable G with P(G = g) ∝ exp(−g·x), g ≥ 0, for a rational x &gt; 0.</summary>
    public BigInteger Geometric(Rational x)
    {
        if (x.Sign <= 0) throw new ArgumentOutOfRangeException(nameof(x), $"The decay x must be positive, not {x}.");

        // exp(−g·s/t) with x = s/t.
        return x.Numerator <= MaxFastDenominator && x.Denominator <= (1UL << 40)
            ? Geometric((ulong)x.Numerator, (ulong)x.Denominator)
            : GeometricBig(x.Numerator, x.Denominator);
    }

    /// <summary>Bernoulli(num/den) for num ≤ den ≤ 2^63, comparing fair bits with the binary expansion of num/den lazily (2 bits expected).</summary>
    internal bool Bernoulli(ulong num, ulong den)
    {
        if (num == 0) return false;
        if (num >= den) return true;
        while (true)
        {
            // Next binary digit of num/den; the uniform U < p decides at the first digit where they differ.
            num <<= 1;
            var pBit = num >= den;
            if (pBit) num -= den;
            if (NextBit() != pBit) return pBit;

            // p's expansion ended with all digits equal so far: U ≥ p.
            if (num == 0) return false;
        }
    }

    /// <summary>Bernoulli(exp(−num/den)) for den ≤ 2^63.</summary>
    internal bool BernoulliExp(ulong num, ulong den)
    {
        if (num <= den) return BernoulliExpUnit(num, den);

        // exp(−x) = exp(−1)^⌊x⌋ · exp(−(x − ⌊x⌋)): ⌊x⌋ coins of exp(−1) must all succeed, then the fraction.
        var whole = num / den;
        for (ulong i = 0; i < whole; i++)
        {
            if (!BernoulliExpUnit(1, 1)) return false;
        }

        return BernoulliExpUnit(num % den, den);
    }

    /// <summary>
    /// CKS20 Algorithm 1 for γ = num/den ∈ [0, 1]: draw A_k ~ Bernoulli(γ/k) for k = 1, 2, … until the
    /// first 0; the index K of that 0 is odd with probability exactly exp(−γ).
    /// </summary>
    internal bool BernoulliExpUnit(ulong num, ulong den)
    {
        for (ulong k = 1; ; k++)
        {
            if (den > MaxFastDenominator / k) return BernoulliExpUnitBig(num, den, k);
            if (!Bernoulli(num, den * k)) return (k & 1) == 1;
        }
    }

    /// <summary>
    /// G with P(G = g) ∝ exp(−g·s/t) (the first part of CKS20 Algorithm 2): U uniform below t kept with
    /// probability exp(−U/t), V ~ Geometric(1 − e^−1) by exp(−1) coins, X = U + t·V has P(X) ∝ exp(−X/t),
    /// and G = ⌊X/s⌋. Needs t ≤ 2^40 so the result fits (overflow would need V ≥ 2^23).
    /// </summary>
    internal ulong Geometric(ulong s, ulong t)
    {
        ulong u;
        do
        {
            u = UniformBelow(t);
        }
        while (!BernoulliExpUnit(u, t));

        ulong v = 0;
        while (BernoulliExpUnit(1, 1)) v++;
        var x = ((UInt128)t * v) + u;
        return checked((ulong)(s == 1 ? x : x / s));
    }

    internal bool BernoulliBig(BigInteger num, BigInteger den)
    {
        if (num.Sign <= 0) return false;
        if (num >= den) return true;
        return UniformBelow(den) < num;
    }

    internal bool BernoulliExpBig(BigInteger num, BigInteger den)
    {
        if (num <= den) return BernoulliExpUnitBig(num, den, BigInteger.One);
        var whole = BigInteger.DivRem(num, den, out var rest);
        for (var i = BigInteger.Zero; i < whole; i++)
        {
            if (!BernoulliExpUnit(1, 1)) return false;
        }

        return BernoulliExpUnitBig(rest, den, BigInteger.One);
    }

    /// <summary>CKS20 Algorithm 1 in BigInteger arithmetic, starting (or continuing) at index k.</summary>
    internal bool BernoulliExpUnitBig(BigInteger num, BigInteger den, BigInteger k)
    {
        for (; ; k++)
        {
            if (!BernoulliBig(num, den * k)) return !k.IsEven;
        }
    }

    internal BigInteger GeometricBig(BigInteger s, BigInteger t)
    {
        BigInteger u;
        do
        {
            u = UniformBelow(t);
        }
        while (!BernoulliExpUnitBig(u, t, BigInteger.One));

        var v = BigInteger.Zero;
        while (BernoulliExpUnitBig(BigInteger.One, BigInteger.One, BigInteger.One)) v++;
        return ((t * v) + u) / s;
    }

    /// <summary>count (1..64) fair bits as the low bits of a word; leftover bits are kept for later draws.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ulong NextBits(int count)
    {
        if (count <= _bitCount)
        {
            var r = count == 64 ? _bits : _bits & ((1UL << count) - 1);
            _bits = count == 64 ? 0 : _bits >> count;
            _bitCount -= count;
            return r;
        }

        var need = count - _bitCount;
        var w = NextWord();
        var result = _bits | ((need == 64 ? w : w & ((1UL << need) - 1)) << _bitCount);
        _bits = need == 64 ? 0 : w >> need;
        _bitCount = 64 - need;
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong NextWord()
    {
        if (_nextWord == BufferWords)
        {
            _source.Fill(MemoryMarshal.AsBytes(_words.AsSpan()));
            _nextWord = 0;
        }

        return _words[_nextWord++];
    }
}
