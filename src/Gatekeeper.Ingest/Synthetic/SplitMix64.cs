namespace Gatekeeper.Ingest.Synthetic;

/// <summary>
/// A small, fast generator whose sequence is fixed by its seed on every platform and .NET version (System.Random's
/// seeded sequence is an implementation detail), so the same seed gives the same files byte for byte.
/// </summary>
internal struct SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed)
    {
        _state = seed;
    }

    /// <summary>An independent stream for one item (participant, consortium) of a seeded run.</summary>
    public static SplitMix64 For(ulong seed, ulong stream, ulong item)
    {
        var mixer = new SplitMix64(seed ^ (stream * 0xD1B54A32D192ED03UL) ^ (item * 0x9E3779B97F4A7C15UL));
        return new SplitMix64(mixer.NextULong());
    }

    public ulong NextULong()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public int Next(int maxExclusive) => (int)(NextDouble() * maxExclusive);

    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Standard normal by Box-Muller (one of the pair; simple and deterministic).</summary>
    public double Normal()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public double Normal(double mean, double sd) => mean + sd * Normal();
}
