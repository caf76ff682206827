using System.Globalization;
using Gatekeeper.Audit.Chain;

namespace Gatekeeper.Audit.Alerts;

/// <summary>
/// Off-hours bulk downloads: one person downloading at least the threshold of releases within the window,
/// outside working hours in the configured time zone (Japan by default; weekends optionally off hours).
/// </summary>
public static class OffHoursDownloadsDetector
{
    public static IReadOnlyList<AuditAlert> Detect(IEnumerable<ChainedEntry> entries, AlertThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(thresholds);
        var alerts = new List<AuditAlert>();
        var groups = entries
            .Where(e => e.Record.Action == AuditActions.ReleaseDownloaded && e.Record.Outcome == AuditOutcome.Succeeded && thresholds.IsOffHours(e.Record.At))
            .GroupBy(e => e.Record.ActorId, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            foreach (var cluster in TimeWindows.Clusters([.. group], thresholds.OffHoursDownloadsWindow, thresholds.OffHoursDownloads))
            {
                var first = cluster[0];
                var last = cluster[^1];
                var bytes = cluster.Sum(e => long.TryParse(e.Record.Detail(AuditDetailKeys.Bytes), NumberStyles.None, CultureInfo.InvariantCulture, out var b) ? b : 0);
                var permits = cluster.Select(e => e.Record.Detail(AuditDetailKeys.Permit)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
                var localFirst = TimeZoneInfo.ConvertTime(first.Record.At, thresholds.TimeZone);
                var localLast = TimeZoneInfo.ConvertTime(last.Record.At, thresholds.TimeZone);
                alerts.Add(new AuditAlert(
                    AuditAlertKinds.OffHoursBulkDownloads,
                    $"{cluster.Count} off-hours downloads by {group.Key}",
                    string.Create(CultureInfo.InvariantCulture,
                        $"{group.Key} downloaded {cluster.Count} releases ({bytes:N0} bytes; permits {string.Join(", ", permits)}) between {localFirst:yyyy-MM-dd HH:mm} and {localLast:yyyy-MM-dd HH:mm} {thresholds.TimeZone.Id} time, outside working hours {thresholds.WorkdayStart:HH\\:mm}-{thresholds.WorkdayEnd:HH\\:mm}{(thresholds.WeekendsAreOffHours ? " on weekdays" : "")}; the threshold is {thresholds.OffHoursDownloads} within {thresholds.OffHoursDownloadsWindow.TotalMinutes:0} minutes."),
                    permits.Count == 1 ? permits[0] : null,
                    group.Key,
                    first.Record.At,
                    last.Record.At,
                    cluster));
            }
        }

        return [.. alerts.OrderBy(a => a.Evidence[0].Sequence)];
    }
}
