using Gatekeeper.Audit.Chain;

namespace Gatekeeper.Audit.Alerts;

/// <summary>
/// Many blocked outputs in a row for one permit: an output counts as blocked when its automated check failed
/// (<c>check.result</c> refused) or a checker blocked it (<c>output.decision</c> = block); a release of an
/// output of the permit (<c>output.decision</c> = release, or <c>release.created</c>) ends the streak.
/// Repeated attempts to get a blocked output out can be an attempt to learn what is behind the rules.
/// </summary>
public static class BlockedOutputsDetector
{
    public static IReadOnlyList<AuditAlert> Detect(IEnumerable<ChainedEntry> entries, AlertThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(thresholds);
        var streaks = new Dictionary<string, Streak>(StringComparer.Ordinal);
        var alerts = new List<AuditAlert>();
        foreach (var entry in entries.OrderBy(e => e.Sequence))
        {
            var r = entry.Record;
            if (r.Detail(AuditDetailKeys.Permit) is not { } permit) continue;
            var blocked = (r.Action == AuditActions.CheckResult && r.Outcome == AuditOutcome.Refused)
                || (r.Action == AuditActions.OutputDecision && r.Detail(AuditDetailKeys.Decision) == OutputDecisions.Block);
            var released = (r.Action == AuditActions.OutputDecision && r.Detail(AuditDetailKeys.Decision) == OutputDecisions.Release)
                || r.Action == AuditActions.ReleaseCreated;
            if (released)
            {
                if (streaks.Remove(permit, out var ended)) Close(ended, permit, thresholds, alerts);
                continue;
            }

            if (!blocked) continue;
            if (!streaks.TryGetValue(permit, out var streak)) streaks[permit] = streak = new Streak();
            streak.Evidence.Add(entry);
            streak.Outputs.Add(r.SubjectIds.Count > 0 ? r.SubjectIds[0] : $"#{entry.Sequence}");
        }

        foreach (var (permit, streak) in streaks) Close(streak, permit, thresholds, alerts);
        return [.. alerts.OrderBy(a => a.Evidence[0].Sequence)];
    }

    private static void Close(Streak streak, string permit, AlertThresholds thresholds, List<AuditAlert> alerts)
    {
        if (streak.Outputs.Count < thresholds.BlockedOutputsInARow) return;
        var first = streak.Evidence[0];
        var last = streak.Evidence[^1];
        alerts.Add(new AuditAlert(
            AuditAlertKinds.BlockedOutputsInARow,
            $"{streak.Outputs.Count} blocked outputs in a row for permit {permit}",
            $"{streak.Outputs.Count} outputs of permit {permit} were blocked (automated check failed or checker blocked) between entry #{first.Sequence} and #{last.Sequence} without a release in between; the threshold is {thresholds.BlockedOutputsInARow}.",
            permit,
            ActorOf(streak.Evidence),
            first.Record.At,
            last.Record.At,
            streak.Evidence));
    }

    /// <summary>The researcher behind the streak: the actor of the check results is the system, so prefer another actor.</summary>
    private static string? ActorOf(List<ChainedEntry> evidence) =>
        evidence.Select(e => e.Record.ActorId).FirstOrDefault(a => a != AuditActor.System.Id);

    private sealed class Streak
    {
        public List<ChainedEntry> Evidence { get; } = [];

        public HashSet<string> Outputs { get; } = new(StringComparer.Ordinal);
    }
}
