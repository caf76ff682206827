namespace Gatekeeper.Audit.Alerts;

/// <summary>Thresholds of the alert detectors. Times of day are local to <see cref="TimeZone"/> (Japan by default).</summary>
public sealed record AlertThresholds
{
    /// <summary>Alert when this many outputs of one permit are blocked with no release in between.</summary>
    public int BlockedOutputsInARow { get; init; } = 5;

    /// <summary>Alert when one permit requests this many runs with the same normalised query hash …</summary>
    public int NearIdenticalQueries { get; init; } = 10;

    /// <summary>… within this time.</summary>
    public TimeSpan NearIdenticalQueriesWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Alert when one person downloads this many releases off hours …</summary>
    public int OffHoursDownloads { get; init; } = 10;

    /// <summary>… within this time.</summary>
    public TimeSpan OffHoursDownloadsWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Working hours start (local time); earlier is off hours.</summary>
    public TimeOnly WorkdayStart { get; init; } = new(8, 0);

    /// <summary>Working hours end (local time); from this time on is off hours.</summary>
    public TimeOnly WorkdayEnd { get; init; } = new(20, 0);

    /// <summary>Saturdays and Sundays count as off hours all day.</summary>
    public bool WeekendsAreOffHours { get; init; } = true;

    public TimeZoneInfo TimeZone { get; init; } = Japan;

    /// <summary>Japan Standard Time (IANA Asia/Tokyo): UTC+9 all year (no daylight saving), so a fixed zone stands in where the system has no time-zone data.</summary>
    public static TimeZoneInfo Japan { get; } = TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Tokyo", out var tokyo)
        ? tokyo
        : TimeZoneInfo.CreateCustomTimeZone("Asia/Tokyo", TimeSpan.FromHours(9), "Japan Standard Time", "Japan Standard Time");

    public static AlertThresholds Default { get; } = new();

    /// <summary>Whether <paramref name="at"/> is outside working hours in <see cref="TimeZone"/>.</summary>
    public bool IsOffHours(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, TimeZone);
        if (WeekendsAreOffHours && local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) return true;
        var time = TimeOnly.FromDateTime(local.DateTime);
        return WorkdayStart <= WorkdayEnd
            ? time < WorkdayStart || time >= WorkdayEnd
            : time >= WorkdayEnd && time < WorkdayStart;
    }
}
