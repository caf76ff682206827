using System.Runtime.InteropServices;

namespace Gatekeeper.Ingest.Exchange;

/// <summary>
/// Maps the raw UTF-8 bytes of a string field to a small integer code and keeps each code's output value (the text,
/// its pseudonym or its coarsened form). Identifiers repeat on every row of a person, so validating, hashing and
/// allocating happen once per distinct value; lookups allocate nothing. Not thread-safe: one per parser thread.
/// </summary>
internal sealed class Utf8CodeDictionary
{
    private readonly int _codeBase;
    private int[] _buckets = new int[1024];
    private readonly List<byte[]> _keys = [];
    private readonly List<int> _hashes = [];
    private readonly List<int> _next = [];
    private readonly List<string?> _values = [];

    public Utf8CodeDictionary(int codeBase)
    {
        _codeBase = codeBase;
    }

    public int Count => _values.Count;

    /// <summary>Output values in code order: code = base + index.</summary>
    public IReadOnlyList<string?> Values => _values;

    public int CodeBase => _codeBase;

    public bool TryGet(ReadOnlySpan<byte> key, out int code)
    {
        var hash = Hash(key);
        for (var i = _buckets[hash & (_buckets.Length - 1)] - 1; i >= 0; i = _next[i] - 1)
        {
            if (_hashes[i] == hash && key.SequenceEqual(_keys[i]))
            {
                code = _codeBase + i;
                return true;
            }
        }

        code = 0;
        return false;
    }

    public int Add(ReadOnlySpan<byte> key, string? value)
    {
        if (_values.Count >= (1 << 24) - 1) throw new InvalidOperationException("More than 16 million distinct values in one column of one file chunk.");
        if (_values.Count >= _buckets.Length) Grow();
        var hash = Hash(key);
        var index = _values.Count;
        _keys.Add(key.ToArray());
        _hashes.Add(hash);
        _values.Add(value);
        ref var bucket = ref _buckets[hash & (_buckets.Length - 1)];
        _next.Add(bucket);
        bucket = index + 1;
        return _codeBase + index;
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

    private static int Hash(ReadOnlySpan<byte> key)
    {
        var hash = new HashCode();
        hash.AddBytes(key);
        return hash.ToHashCode();
    }
}
