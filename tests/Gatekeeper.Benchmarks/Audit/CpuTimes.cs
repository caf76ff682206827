using System.Diagnostics;
using System.Globalization;

namespace Gatekeeper.Benchmarks.Audit;

/// <summary>
/// Process CPU time (user + sys, all threads) per benchmark iteration, printed as the median at the end: on a shared
/// machine wall time depends on the load, CPU time much less.
/// </summary>
public sealed class CpuTimes
{
    private readonly List<double> _seconds = [];
    private TimeSpan _start;

    public void Start()
    {
        using var process = Process.GetCurrentProcess();
        _start = process.TotalProcessorTime;
    }

    public void Stop()
    {
        using var process = Process.GetCurrentProcess();
        _seconds.Add((process.TotalProcessorTime - _start).TotalSeconds);
    }

    public void Print(string what)
    {
        if (_seconds.Count == 0) return;
        var sorted = _seconds.Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// CPU time {what}: median {sorted[sorted.Count / 2]:0.00} s, min {sorted[0]:0.00} s over {sorted.Count} iterations (incl. warm-up); load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        _seconds.Clear();
    }
}
