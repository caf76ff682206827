using System.Globalization;

namespace Gatekeeper.Cli.Audit;

/// <summary>
/// Parses a point in time given on the command line: a date (<c>2026-11-30</c>, a whole day in the console's time
/// zone), a local date and time (<c>2026-11-30T09:00</c>, in that zone) or a timestamp with an offset.
/// </summary>
internal static class TimeArgument
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd"];
    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];

    /// <param name="endOfDay">For a bare date, the end of that day (the next midnight) rather than its start.</param>
    public static bool TryParse(string text, TimeZoneInfo zone, bool endOfDay, out DateTimeOffset value)
    {
        text = text.Trim();
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var local = date.ToDateTime(TimeOnly.MinValue);
            if (endOfDay) local = local.AddDays(1);
            value = new DateTimeOffset(local, zone.GetUtcOffset(local));
            return true;
        }

        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dateTime))
        {
            value = new DateTimeOffset(dateTime, zone.GetUtcOffset(dateTime));
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value)
            && (text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || text.LastIndexOf('-') > 9);
    }
}
