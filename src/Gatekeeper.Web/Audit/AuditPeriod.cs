using System.Globalization;
using Gatekeeper.Domain.Common;

namespace Gatekeeper.Web.Audit;

/// <summary>
/// A period of the console: <see cref="From"/> inclusive, <see cref="To"/> exclusive. Parsed from the console's query
/// strings, where a date (<c>2026-11-01</c>) is a whole day in the console's time zone (<c>to</c> includes its day) and a
/// date-time with an offset is taken as given; bad input is a validation error naming the parameter.
/// </summary>
public sealed record AuditPeriod(DateTimeOffset? From, DateTimeOffset? To)
{
    /// <summary>The default dashboard and alert period: the last 30 days up to the end of today.</summary>
    public const int DefaultDays = 30;

    public static DomainResult<AuditPeriod> Parse(string? from, string? to, TimeZoneInfo zone)
    {
        var errors = new List<ValidationError>();
        var start = ParseOne("from", from, zone, endOfDay: false, errors);
        var end = ParseOne("to", to, zone, endOfDay: true, errors);
        if (errors.Count == 0 && start is { } s && end is { } e && e <= s)
            errors.Add(ValidationError.Create("to", "before-start", "'to' must be after 'from'."));
        return errors.Count > 0 ? DomainResult<AuditPeriod>.Fail(errors) : DomainResult<AuditPeriod>.Ok(new AuditPeriod(start, end));
    }

    /// <summary>The last <paramref name="days"/> local days, today included.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) LastDays(int days, DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        return (StartOf(today.AddDays(1 - days), zone), StartOf(today.AddDays(1), zone));
    }

    /// <summary>Midnight of a local day as an instant.</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static DateTimeOffset? ParseOne(string field, string? value, TimeZoneInfo zone, bool endOfDay, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        value = value.Trim();
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return StartOf(endOfDay ? day.AddDays(1) : day, zone);
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && HasOffset(value))
            return instant;
        errors.Add(ValidationError.Create(field, "invalid-time", $"'{field}' must be a date (yyyy-MM-dd) or a date-time with an offset (2026-11-01T09:00:00+09:00)."));
        return null;
    }

    private static bool HasOffset(string value) =>
        value.EndsWith('Z') || value.EndsWith('z') || (value.Length > 6 && value[^6] is '+' or '-' && value[^3] == ':');
}
