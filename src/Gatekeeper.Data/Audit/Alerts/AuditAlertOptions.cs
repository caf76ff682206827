using Gatekeeper.Audit.Alerts;

namespace Gatekeeper.Data.Audit.Alerts;

/// <summary>Configuration section <c>Gatekeeper:Audit:Alerts</c>: thresholds of the suspicious-pattern alerts (times of day in the console's time zone).</summary>
public sealed class AuditAlertOptions
{
    public const string Section = "Gatekeeper:Audit:Alerts";

    public int BlockedOutputsInARow { get; set; } = AlertThresholds.Default.BlockedOutputsInARow;

    public int NearIdenticalQueries { get; set; } = AlertThresholds.Default.NearIdenticalQueries;

    public TimeSpan NearIdenticalQueriesWindow { get; set; } = AlertThresholds.Default.NearIdenticalQueriesWindow;

    public int OffHoursDownloads { get; set; } = AlertThresholds.Default.OffHoursDownloads;

    public TimeSpan OffHoursDownloadsWindow { get; set; } = AlertThresholds.Default.OffHoursDownloadsWindow;

    /// <summary>Start of working hours, e.g. <c>08:00</c>.</summary>
    public TimeOnly WorkdayStart { get; set; } = AlertThresholds.Default.WorkdayStart;

    /// <summary>End of working hours, e.g. <c>20:00</c>.</summary>
    public TimeOnly WorkdayEnd { get; set; } = AlertThresholds.Default.WorkdayEnd;

    public bool WeekendsAreOffHours { get; set; } = AlertThresholds.Default.WeekendsAreOffHours;

    public AlertThresholds ToThresholds(TimeZoneInfo timeZone) => new()
    {
        BlockedOutputsInARow = BlockedOutputsInARow, NearIdenticalQueries = NearIdenticalQueries, NearIdenticalQueriesWindow = NearIdenticalQueriesWindow,
        OffHoursDownloads = OffHoursDownloads, OffHoursDownloadsWindow = OffHoursDownloadsWindow,
        WorkdayStart = WorkdayStart, WorkdayEnd = WorkdayEnd, WeekendsAreOffHours = WeekendsAreOffHours, TimeZone = timeZone,
    };

    /// <summary>Null when valid, else the problem naming the setting.</summary>
    public string? Validate()
    {
        if (BlockedOutputsInARow is < 2 or > 10_000) return $"{Section}:BlockedOutputsInARow must be 2-10000; it is {BlockedOutputsInARow}.";
        if (NearIdenticalQueries is < 2 or > 100_000) return $"{Section}:NearIdenticalQueries must be 2-100000; it is {NearIdenticalQueries}.";
        if (OffHoursDownloads is < 2 or > 100_000) return $"{Section}:OffHoursDownloads must be 2-100000; it is {OffHoursDownloads}.";
        if (NearIdenticalQueriesWindow <= TimeSpan.Zero || NearIdenticalQueriesWindow > TimeSpan.FromDays(31)) return $"{Section}:NearIdenticalQueriesWindow must be positive and at most 31 days; it is {NearIdenticalQueriesWindow}.";
        if (OffHoursDownloadsWindow <= TimeSpan.Zero || OffHoursDownloadsWindow > TimeSpan.FromDays(31)) return $"{Section}:OffHoursDownloadsWindow must be positive and at most 31 days; it is {OffHoursDownloadsWindow}.";
        if (WorkdayStart == WorkdayEnd) return $"{Section}:WorkdayStart and WorkdayEnd must differ (both are {WorkdayStart:HH\\:mm}).";
        return null;
    }
}
