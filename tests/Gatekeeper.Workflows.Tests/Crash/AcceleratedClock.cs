using System.Globalization;

namespace Gatekeeper.Workflows.Tests.Crash;

/// <summary>
/// A clock that runs fast (one day of gatekeeper time per <see cref="RealPerDay"/> of real time) from a
/// start written in a file, so a killed and restarted process, and the test that checks on it, share one
/// timeline on which the three-month deadlines and ten-day SLAs come due within seconds.
/// </summary>
public sealed class AcceleratedClock : TimeProvider
{
    public static readonly TimeSpan RealPerDay = TimeSpan.FromMilliseconds(150);

    private readonly DateTimeOffset _start;
    private readonly DateTimeOffset _realStart;

    private AcceleratedClock(DateTimeOffset start, DateTimeOffset realStart)
    {
        _start = start;
        _realStart = realStart;
    }

    public static AcceleratedClock Create(string file, DateTimeOffset start)
    {
        File.WriteAllText(file, $"{start.UtcTicks} {DateTimeOffset.UtcNow.UtcTicks}");
        return Load(file);
    }

    public static AcceleratedClock Load(string file)
    {
        var parts = File.ReadAllText(file).Split(' ');
        return new AcceleratedClock(
            new DateTimeOffset(long.Parse(parts[0], CultureInfo.InvariantCulture), TimeSpan.Zero),
            new DateTimeOffset(long.Parse(parts[1], CultureInfo.InvariantCulture), TimeSpan.Zero));
    }

    /// <summary>
    /// Whole milliseconds: the SQLite store keeps timestamps to 0.1 ms (EF's DateTimeOffsetToBinaryConverter),
    /// so a finer audit timestamp would no longer match its hash when read back (reported separately).
    /// </summary>
    public override DateTimeOffset GetUtcNow()
    {
        var now = _start + TimeSpan.FromDays((DateTimeOffset.UtcNow - _realStart) / RealPerDay);
        return new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }
}
