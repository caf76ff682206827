namespace Gatekeeper.Data.Audit;

/// <summary>Configuration section <c>Gatekeeper:Audit:Console</c>: how the audit console's read services count and page.</summary>
public sealed class AuditConsoleOptions
{
    public const string Section = "Gatekeeper:Audit:Console";

    /// <summary>IANA time zone for days in the dashboards and working hours in the alerts.</summary>
    public string TimeZone { get; set; } = "Asia/Tokyo";

    /// <summary>Review deadline in months from submission to decision (the programme's 3 months).</summary>
    public int ReviewDeadlineMonths { get; set; } = 3;

    /// <summary>Largest page the search returns.</summary>
    public int MaxPageSize { get; set; } = 200;

    /// <summary>The search counts matches up to this many; beyond it the total is shown as "more than".</summary>
    public int CountLimit { get; set; } = 10_000;

    public TimeZoneInfo ResolveTimeZone() =>
        TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone
        : TimeZone == "Asia/Tokyo" ? Gatekeeper.Audit.Alerts.AlertThresholds.Japan
        : throw new InvalidOperationException($"{Section}:TimeZone '{TimeZone}' is not a known time zone.");

    /// <summary>Null when valid, else the problem naming the setting.</summary>
    public string? Validate()
    {
        if (TimeZone != "Asia/Tokyo" && !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone ?? "", out _)) return $"{Section}:TimeZone '{TimeZone}' is not a known time zone (use an IANA id such as Asia/Tokyo).";
        if (ReviewDeadlineMonths is < 1 or > 36) return $"{Section}:ReviewDeadlineMonths must be 1-36; it is {ReviewDeadlineMonths}.";
        if (MaxPageSize is < 10 or > 1000) return $"{Section}:MaxPageSize must be 10-1000; it is {MaxPageSize}.";
        if (CountLimit is < 100 or > 10_000_000) return $"{Section}:CountLimit must be 100-10000000; it is {CountLimit}.";
        return null;
    }
}
