namespace Gatekeeper.Ingest.Consent;

/// <summary>The exchange format's clock: Japan Standard Time, UTC+9, no daylight saving.</summary>
public static class JapanTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    /// <summary>The wall-clock time in Japan of an instant, as the format writes it (no zone).</summary>
    public static DateTime ToLocal(DateTimeOffset instant) => DateTime.SpecifyKind(instant.ToOffset(Offset).DateTime, DateTimeKind.Unspecified);
}
