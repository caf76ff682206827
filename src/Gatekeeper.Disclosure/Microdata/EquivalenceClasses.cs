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
        // Column by column: each pass is a tight loop over two flat arrays.
        for (var r = 0; r < keys.Length; r++) keys[r] = (ulong)previous[r];
        for (var i = from; i < to; i++)
        {
            var card = (ulong)Math.Max(qis[i].Cardinality, 1);
            var codes = qis[i].Source.Codes;
            var map = qis[i].Map;
            if (qis[i].Level == 0)
            {
                for (var r = 0; r < keys.Length; r++) keys[r] = (keys[r] * card) + (ulong)codes[r];
            }
            else
            {
                for (var r = 0; r < keys.Length; r++) keys[r] = (keys[r] * card) + (ulong)map[codes[r]];
            }
        }
    }

    /// <summary>Where each class starts when records are laid out class by class: class c is <c>[start[c], start[c + 1])</c>.</summary>
    public int[] ClassStarts()
    {
        var start = new int[Count + 1];
        for (var c = 0; c < Count; c++) start[c + 1] = start[c] + Sizes[c];
        return start;
    }

    /// <summary>
    /// A column's codes laid out class by class (a counting sort: one sequential read, one scattered
    /// write), so per-class work then reads memory in order.
    /// </summary>
    public int[] GroupByClass(int[] codes, int[] start)
    {
        var fill = new int[Count];
        Array.Copy(start, fill, Count);
        var grouped = new int[codes.Length];
        var classOf = ClassOf;
        for (var r = 0; r < codes.Length; r++) grouped[fill[classOf[r]]++] = codes[r];
        return grouped;
    }

    private static int Densify(ulong[] keys, ulong space, int[] ids)
    {
        if (space <= (ulong)Math.Min(1 << 24, Math.Max(1 << 16, keys.Length * 4)))
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
