using Gatekeeper.Audit.Chain;

namespace Gatekeeper.Audit.Alerts;

/// <summary>Finds the clusters of entries where at least <c>threshold</c> fall within one sliding time window.</summary>
internal static class TimeWindows
{
    /// <param name="entries">Entries of one group, in chain order.</param>
    public static List<List<ChainedEntry>> Clusters(IReadOnlyList<ChainedEntry> entries, TimeSpan window, int threshold)
    {
        var ordered = entries.OrderBy(e => e.Record.At).ThenBy(e => e.Sequence).ToList();
        var marked = new bool[ordered.Count];
        var start = 0;
        var markedTo = -1;
        for (var end = 0; end < ordered.Count; end++)
        {
            while (ordered[end].Record.At - ordered[start].Record.At > window) start++;
            if (end - start + 1 < threshold) continue;
            for (var i = Math.Max(start, markedTo + 1); i <= end; i++) marked[i] = true;
            markedTo = end;
        }

        var clusters = new List<List<ChainedEntry>>();
        List<ChainedEntry>? current = null;
        for (var i = 0; i < ordered.Count; i++)
        {
            if (!marked[i])
            {
                current = null;
                continue;
            }

            if (current is null || ordered[i].Record.At - current[^1].Record.At > window)
            {
                current = [];
                clusters.Add(current);
            }

            current.Add(ordered[i]);
        }

        foreach (var cluster in clusters) cluster.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return clusters;
    }
}
