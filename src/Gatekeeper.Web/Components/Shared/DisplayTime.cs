using System.Globalization;

namespace Gatekeeper.Web.Components.Shared;

/// <summary>
/// Formats stored instants (UTC) for people. The portal serves Japanese research offices, so times are
/// shown in Japan Standard Time whatever the server's own zone; dates follow the UI culture.
/// </summary>
public static class DisplayTime
{
    private static readonly TimeZoneInfo Zone = FindZone();

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>Date and time, e.g. 2026/11/23 18:00 (ja) or 11/23/2026 6:00 PM (en).</summary>
    public static string DateTime(DateTimeOffset instant) => ToLocal(instant).ToString("g", CultureInfo.CurrentCulture);

    public static string Date(DateTimeOffset instant) => ToLocal(instant).ToString("d", CultureInfo.CurrentCulture);

    public static string Date(DateOnly? date) => date?.ToString("d", CultureInfo.CurrentCulture) ?? "—";

    public static string Time(DateTimeOffset instant) => ToLocal(instant).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Today's date in the display zone: the day a person in Japan would call today.</summary>
    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(ToLocal(time.GetUtcNow()).DateTime);

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        }
        catch (TimeZoneNotFoundException)
        {
            // Without time-zone data JST is still a fixed +9 h (Japan has no daylight saving time).
            return TimeZoneInfo.CreateCustomTimeZone("JST", TimeSpan.FromHours(9), "Japan Standard Time", "Japan Standard Time");
        }
    }
}
