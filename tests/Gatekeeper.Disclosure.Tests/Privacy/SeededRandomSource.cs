using System.Buffers.Binary;
using Gatekeeper.Disclosure.Privacy.Samplers;

namespace Gatekeeper.Disclosure.Tests.Privacy;

/// <summary>
/// Deterministic bits for reproducible statistical tests (xoshiro256**, seeded by SplitMix64). It lives
/// in the test project on purpose: production code can only reach the CSPRNG.
/// </summary>
public sealed class SeededRandomSource : IRandomSource
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public SeededRandomSource(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    public static ExactSampler Sampler(ulong seed) => new(new SeededRandomSource(seed));

    public void Fill(Span<byte> destination)
    {
        var i = 0;
        for (; i + 8 <= destination.Length; i += 8) BinaryPrimitives.WriteUInt64LittleEndian(destination[i..], Next());
        if (i < destination.Length)
        {
            Span<byte> last = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(last, Next());
            last[..(destination.Length - i)].CopyTo(destination[i..]);
        }
    }

    private ulong Next()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
