using Gatekeeper.Audit.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Data.Audit.Alerts;

/// <summary>
/// Runs the alert detectors over a period of the log (read-only, <see cref="AuditReadContext"/>). Entries from one
/// detection window before the period are read too, so a pattern that began just before it is seen whole; alerts
/// are those whose last triggering entry falls in the period.
/// </summary>
public sealed class AuditAlertService(AuditReadContextFactory contexts, IOptions<AuditAlertOptions> alerts, IOptions<AuditConsoleOptions> console)
{
    public AlertThresholds Thresholds => alerts.Value.ToThresholds(console.Value.ResolveTimeZone());

    public async Task<IReadOnlyList<AuditAlert>> DetectAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (to <= from) throw new ArgumentException("The period must end after it starts.", nameof(to));
        var thresholds = Thresholds;
        var lookBack = thresholds.NearIdenticalQueriesWindow > thresholds.OffHoursDownloadsWindow ? thresholds.NearIdenticalQueriesWindow : thresholds.OffHoursDownloadsWindow;
        var start = from - lookBack;
        var actions = AuditAlertDetectors.Actions.ToList();
        await using var db = contexts.Create();
        var rows = await db.Entries.Where(e => e.At >= start && e.At < to && actions.Contains(e.Action)).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        return [.. AuditAlertDetectors.DetectAll([.. rows.Select(r => new Gatekeeper.Audit.Chain.ChainedEntry(r.Sequence, r.ToRecord(), r.PreviousHash ?? "", r.Hash ?? ""))], thresholds).Where(a => a.LastAt >= from).OrderBy(a => a.FirstAt)];
    }
}
