namespace Gatekeeper.Disclosure.Microdata;

/// <summary>
/// Groups records by their generalised quasi-identifier values. Each record's label codes are packed
/// mixed-radix into one 64-bit key (row by row, one write per row); keys become dense class ids through
/// a direct table when the key space is small, else through <see cref="DenseKeyIndex"/>. When the
/// product of cardinalities would pass 2^62, the QIs are split into segments and each segment's key
/// starts from the previous segment's class id, so any number of QIs works.
/// </summary>
internal sealed class EquivalenceClasses
{
    private const ulong KeyLimit = 1UL << 62;

    private EquivalenceClasses(int[] classOf, int[] sizes, int[] firstRow)
    {
        ClassOf = classOf;
        Sizes = sizes;
        FirstRow = firstRow;
    }

    /// <summary>Per row: its class id.</summary>
    public int[] ClassOf { get; }

    /// <summary>Per class: its number of records.</summary>
    public int[] Sizes { get; }

    /// <summary>Per class: a row in it (for showing its labels).</summary>
    public int[] FirstRow { get; }

    public int Count => Sizes.Length;

    public static EquivalenceClasses Build(IReadOnlyList<GeneralisedColumn> qis, int rowCount)
    {
        var ids = new int[rowCount];
        var classes = rowCount == 0 ? 0 : 1;
        var keys = new ulong[rowCount];
        var q = 0;
        while (q < qis.Count)
        {
            // Take as many QIs as fit in the 62-bit key space after the previous segment's class ids.
            var space = (ulong)Math.Max(classes, 1);
            var end = q;
            while (end < qis.Count && space <= KeyLimit / (ulong)Math.Max(qis[end].Cardinality, 1))
            {
                space *= (ulong)Math.Max(qis[end].Cardinality, 1);
                end++;
            }

            if (end == q) throw new InvalidOperationException("A quasi-identifier has too many distinct values to group.");
            Pack(qis, q, end, ids, keys);
            classes = Densify(keys, space, ids);
            q = end;
        }

        var sizes = new int[classes];
        var first = new int[classes];
        Array.Fill(first, -1);
        for (var r = 0; r < rowCount; r++)
        {
            var c = ids[r];
            sizes[c]++;
            if (first[c] < 0) first[c] = r;
        }

        return new EquivalenceClasses(ids, sizes, first);
    }

    private static void Pack(IReadOnlyList<GeneralisedColumn> qis, int from, int to, int[] previous, ulong[] keys)
    {
        var width = to - from;
        var maps = new int[width][];
        var codes = new int[width][];
        var cards = new ulong[width];
        for (var i = 0; i < width; i++)
        {
            maps[i] = qis[from + i].Map;
            codes[i] = qis[from + i].Source.Codes;
            cards[i] = (ulong)Math.Max(qis[from + i].Cardinality, 1);
        }

        for (var r = 0; r < keys.Length; r++)
        {
            var key = (ulong)previous[r];
            for (var i = 0; i < width; i++) key = (key * cards[i]) + (ulong)maps[i][codes[i][r]];
            keys[r] = key;
        }
    }

    private static int Densify(ulong[] keys, ulong space, int[] ids)
    {
        if (space <= (ulong)Math.Min(1 << 26, Math.Max(1 << 16, keys.Length * 4)))
        {
            var direct = new int[space];
            Array.Fill(direct, -1);
            var next = 0;
            for (var r = 0; r < keys.Length; r++)
            {
                ref var slot = ref direct[keys[r]];
                if (slot < 0) slot = next++;
                ids[r] = slot;
            }

            return next;
        }

        var index = new DenseKeyIndex(Math.Min(keys.Length, 1 << 20));
        for (var r = 0; r < keys.Length; r++) ids[r] = index.GetOrAdd(keys[r]);
        return index.Count;
    }
}
