using System.ComponentModel.DataAnnotations;
using Gatekeeper.VisitingEnvironment.Runs;

namespace Gatekeeper.Web.Runs;

/// <summary>
/// Resource limits of every run (section <c>Gatekeeper:Runs:Limits</c>); permits carry no limits of their own yet, so
/// this is the policy's default: 10 minutes, 2 GB, 20 CPU-minutes, 100,000 rows, 100 MB.
/// </summary>
public sealed class RunLimitOptions
{
    public const string Section = "Gatekeeper:Runs:Limits";

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan WallClock { get; set; } = RunLimits.Default.WallClock;

    [Range(64, 1_048_576)]
    public int MemoryMb { get; set; } = RunLimits.Default.MemoryMb;

    [Range(1, 864_000)]
    public int CpuSeconds { get; set; } = RunLimits.Default.CpuSeconds;

    [Range(1, long.MaxValue)]
    public long MaxOutputRows { get; set; } = RunLimits.Default.MaxOutputRows;

    [Range(1024, long.MaxValue)]
    public long MaxOutputBytes { get; set; } = RunLimits.Default.MaxOutputBytes;

    [Range(1, 64)]
    public int Threads { get; set; } = RunLimits.Default.Threads;

    public RunLimits ToRunLimits() => new(WallClock, MemoryMb, CpuSeconds, MaxOutputRows, MaxOutputBytes, Threads);
}
