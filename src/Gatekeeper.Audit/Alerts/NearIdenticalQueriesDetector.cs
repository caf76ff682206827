using Gatekeeper.Audit.Chain;

namespace Gatekeeper.Audit.Alerts;

/// <summary>
/// Many near-identical queries from one permit: runs requested (or refused) under one permit whose normalised
/// query hash (<see cref="AuditDetailKeys.QueryHash"/>) is the same, at least the threshold within the window.
/// Small variations of one query are the classic differencing attack on aggregate outputs.
/// </summary>
public static class NearIdenticalQueriesDetector
{
    public static IReadOnlyList<AuditAlert> Detect(IEnumerable<ChainedEntry> entries, AlertThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(thresholds);
        var alerts = new List<AuditAlert>();
        var groups = entries
            .Where(e => e.Record.Action is AuditActions.RunRequested or AuditActions.RunRefused)
            .Select(e => (Entry: e, Permit: e.Record.Detail(AuditDetailKeys.Permit), Hash: e.Record.Detail(AuditDetailKeys.QueryHash)))
            .Where(x => x.Permit is not null && x.Hash is not null)
            .GroupBy(x => (x.Permit!, x.Hash!));
        foreach (var group in groups)
        {
            var (permit, hash) = group.Key;
            foreach (var cluster in TimeWindows.Clusters([.. group.Select(x => x.Entry)], thresholds.NearIdenticalQueriesWindow, thresholds.NearIdenticalQueries))
            {
                var first = cluster[0];
                var last = cluster[^1];
                var actors = cluster.Select(e => e.Record.ActorId).Distinct(StringComparer.Ordinal).ToList();
                alerts.Add(new AuditAlert(
                    AuditAlertKinds.NearIdenticalQueries,
                    $"{cluster.Count} near-identical queries from permit {permit}",
                    $"Permit {permit} requested {cluster.Count} runs of the same normalised query (hash {hash[..Math.Min(12, hash.Length)]}…) between {first.Record.At:u} and {last.Record.At:u} by {string.Join(", ", actors)}; the threshold is {thresholds.NearIdenticalQueries} within {thresholds.NearIdenticalQueriesWindow.TotalMinutes:0} minutes.",
                    permit,
                    actors.Count == 1 ? actors[0] : null,
                    first.Record.At,
                    last.Record.At,
                    cluster));
            }
        }

        return [.. alerts.OrderBy(a => a.Evidence[0].Sequence)];
    }
}
