using System.Runtime.InteropServices;

namespace Gatekeeper.Disclosure.Tables;

/// <summary>
/// Hash index from a cell's key codes to its position. Keys are packed mixed-radix into one
/// <see cref="ulong"/> (radix = levels + 1, digit 0 = aggregated) so a lookup hashes one integer;
/// the rare table whose key space exceeds 64 bits falls back to text keys.
/// </summary>
internal sealed class CellKeyIndex
{
    private readonly ulong[]? _radix;
    private readonly Dictionary<ulong, int>? _packed;
    private readonly Dictionary<string, int>? _text;

    private CellKeyIndex(ulong[]? radix, Dictionary<ulong, int>? packed, Dictionary<string, int>? text, bool hasMargins)
    {
        _radix = radix;
        _packed = packed;
        _text = text;
        HasMargins = hasMargins;
    }

    public bool HasMargins { get; }

    public static CellKeyIndex Build(TableOutput table)
    {
        var keys = table.Keys;
        var n = table.CellCount;
        if (keys.Count == 0)
        {
            if (n > 1) throw new ArgumentException($"A table without key columns has one cell, not {n}.");
            var single = new Dictionary<ulong, int>();
            if (n == 1) single[0] = 0;
            return new CellKeyIndex([], single, null, false);
        }

        var radix = TryRadix(keys);
        var hasMargins = false;
        Span<int> codes = stackalloc int[keys.Count];
        if (radix is not null)
        {
            var map = new Dictionary<ulong, int>(n);
            for (var i = 0; i < n; i++)
            {
                for (var d = 0; d < codes.Length; d++)
                {
                    codes[d] = keys[d].Codes[i];
                    hasMargins |= codes[d] == KeyColumn.Aggregated;
                }

                if (!map.TryAdd(Pack(radix, codes), i))
                    throw new ArgumentException($"Two cells have the key ({table.KeyText(i)}).");
            }

            return new CellKeyIndex(radix, map, null, hasMargins);
        }

        var textMap = new Dictionary<string, int>(n, StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            for (var d = 0; d < codes.Length; d++)
            {
                codes[d] = keys[d].Codes[i];
                hasMargins |= codes[d] == KeyColumn.Aggregated;
            }

            if (!textMap.TryAdd(Text(codes), i))
                throw new ArgumentException($"Two cells have the key ({table.KeyText(i)}).");
        }

        return new CellKeyIndex(null, null, textMap, hasMargins);
    }

    /// <summary>The cell with these codes (one per dimension, <see cref="KeyColumn.Aggregated"/> for a margin), or -1.</summary>
    public int Find(ReadOnlySpan<int> codes)
    {
        if (_packed is not null)
        {
            if (_radix!.Length == 0) return _packed.GetValueOrDefault(0UL, -1);
            return _packed.TryGetValue(Pack(_radix, codes), out var cell) ? cell : -1;
        }

        return _text!.TryGetValue(Text(codes), out var c) ? c : -1;
    }

    private static ulong[]? TryRadix(IReadOnlyList<KeyColumn> keys)
    {
        var radix = new ulong[keys.Count];
        UInt128 product = 1;
        for (var d = 0; d < keys.Count; d++)
        {
            radix[d] = (ulong)keys[d].Levels.Count + 1;
            product *= radix[d];
            if (product > ulong.MaxValue) return null;
        }

        return radix;
    }

    private static ulong Pack(ulong[] radix, ReadOnlySpan<int> codes)
    {
        ulong key = 0;
        for (var d = 0; d < radix.Length; d++) key = (key * radix[d]) + (ulong)(codes[d] + 1);
        return key;
    }

    private static string Text(ReadOnlySpan<int> codes) =>
        Convert.ToBase64String(MemoryMarshal.AsBytes(codes));
}
