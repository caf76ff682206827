using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Gatekeeper.Ingest.Exchange;

/// <summary>
/// Maps the raw UTF-8 bytes of a string field to the integer code of its output value (the text, its pseudonym or
/// its coarsened form). Identifiers repeat on every row of a person, so validating, hashing and allocating happen
/// once per distinct value per thread; lookups allocate nothing. Not thread-safe: one per parser thread.
/// </summary>
internal sealed class Utf8CodeDictionary
{
    private const int MaxEntries = 1 << 24;
    private int[] _buckets = new int[1024];
    private readonly List<byte[]> _keys = [];
    private readonly List<int> _hashes = [];
    private readonly List<int> _next = [];
    private readonly List<int> _codes = [];

    public int Count => _codes.Count;

    // Hot path of a short-lived import: compile optimised at once instead of starting in tier 0.

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]

    public bool TryGet(ReadOnlySpan<byte> key, out int code)
    {
        var hash = Hash(key);
        for (var i = _buckets[hash & (_buckets.Length - 1)] - 1; i >= 0; i = _next[i] - 1)
        {
            if (_hashes[i] == hash && key.SequenceEqual(_keys[i]))
            {
                code = _codes[i];
                return true;
            }
        }

        code = 0;
        return false;
    }

    public void Add(ReadOnlySpan<byte> key, int code)
    {
        // Bounded: a column of nothing but distinct values (free text) stops being cached, it does not grow without end.
        if (_codes.Count >= MaxEntries) return;
        if (_codes.Count >= _buckets.Length) Grow();
        var hash = Hash(key);
        var index = _codes.Count;
        _keys.Add(key.ToArray());
        _hashes.Add(hash);
        _codes.Add(code);
        ref var bucket = ref _buckets[hash & (_buckets.Length - 1)];
        _next.Add(bucket);
        bucket = index + 1;
    }

    private void Grow()
    {
        _buckets = new int[_buckets.Length * 2];
        var next = CollectionsMarshal.AsSpan(_next);
        for (var i = 0; i < _hashes.Count; i++)
        {
            ref var bucket = ref _buckets[_hashes[i] & (_buckets.Length - 1)];
            next[i] = bucket;
            bucket = i + 1;
        }
    }

    /// <summary>
    /// A multiply-xor hash over 8-byte words: identifiers are short, and this costs a few nanoseconds where
    /// HashCode.AddBytes costs tens. Seeded per process so crafted keys cannot aim at one bucket.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Hash(ReadOnlySpan<byte> key)
    {
        var h = Seed ^ ((ulong)key.Length * 0x9E3779B97F4A7C15UL);
        while (key.Length >= 8)
        {
            h = (h ^ System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(key)) * 0xBF58476D1CE4E5B9UL;
            h ^= h >> 31;
            key = key[8..];
        }

        ulong tail = 0;
        for (var i = 0; i < key.Length; i++) tail |= (ulong)key[i] << (8 * i);
        h = (h ^ tail) * 0x94D049BB133111EBUL;
        h ^= h >> 29;
        return (int)h ^ (int)(h >> 32);
    }

    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64();
}
