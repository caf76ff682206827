using Gatekeeper.Disclosure.Tables;

namespace Gatekeeper.Disclosure.Tests.Suppression;

/// <summary>Random full cross-tabulations with every margin (row, column, layer and grand totals).</summary>
internal static class GridTables
{
    /// <summary>A table over dimensions of the given sizes with all margins; interior counts from the random source.</summary>
    public static TableOutput Build(int[] sizes, Random random, int minCount = 0, int maxCount = 40)
    {
        var dims = sizes.Length;
        var builder = new TableOutputBuilder(Enumerable.Range(0, dims).Select(d => $"d{d}").ToList()).Measure("n", MeasureKind.Count);
        var cells = new List<int[]>();
        Enumerate(sizes.Select(s => s + 1).ToArray(), 0, new int[dims], cells);

        // Interior values first, then each margin is the sum of the interior cells under it.
        var values = new Dictionary<string, long>();
        foreach (var c in cells)
        {
            if (IsInterior(c, sizes)) values[Key(c)] = random.Next(minCount, maxCount + 1);
        }

        foreach (var c in cells)
        {
            if (IsInterior(c, sizes)) continue;
            values[Key(c)] = cells.Where(i => IsInterior(i, sizes) && Covers(c, i, sizes)).Sum(i => values[Key(i)]);
        }

        foreach (var c in cells)
        {
            var key = c.Select((v, d) => v == sizes[d] ? KeyPart.All : KeyPart.Of($"v{v}")).ToArray();
            var n = values[Key(c)];
            builder.Add(key, n, n, [new MeasureStatistics(n)]);
        }

        return builder.Build();
    }

    private static bool IsInterior(int[] c, int[] sizes) => c.Select((v, d) => v < sizes[d]).All(b => b);

    private static bool Covers(int[] margin, int[] interior, int[] sizes) =>
        margin.Select((v, d) => v == sizes[d] || v == interior[d]).All(b => b);

    private static string Key(int[] c) => string.Join(",", c);

    private static void Enumerate(int[] limits, int d, int[] current, List<int[]> output)
    {
        if (d == limits.Length)
        {
            output.Add((int[])current.Clone());
            return;
        }

        for (var v = 0; v < limits[d]; v++)
        {
            current[d] = v;
            Enumerate(limits, d + 1, current, output);
        }
    }
}
