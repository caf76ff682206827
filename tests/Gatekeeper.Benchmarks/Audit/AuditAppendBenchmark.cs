using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Gatekeeper.Audit;
using Gatekeeper.Data;
using Gatekeeper.Data.Audit;

namespace Gatekeeper.Benchmarks.Audit;

/// <summary>
/// Issue 9 target: appending stays under 2 ms p95 per entry with 8 concurrent writers on PostgreSQL. Each invocation runs
/// 8 writers × 50 appends (each its own transaction, as <see cref="AuditTrail.RecordAsync"/> does) on a 10,000-entry chain;
/// the per-append latencies of all iterations are printed as percentiles at the end (BenchmarkDotNet's time is the batch's).
/// </summary>
[Config(typeof(AuditBenchmarkConfig))]
public class AuditAppendBenchmark
{
    private const int Writers = 8;
    private const int PerWriter = 50;
    private readonly ConcurrentBag<double> _latencies = [];
    private AuditBenchmarkStore _store = null!;
    private AuditTrail _trail = null!;

    [ParamsSource(nameof(Providers))]
    public DatabaseProvider Provider { get; set; }

    public static IEnumerable<DatabaseProvider> Providers => AuditSearchBenchmark.Providers;

    [GlobalSetup]
    public void Setup()
    {
        _store = AuditBenchmarkStore.OpenAsync(Provider, 10_000).GetAwaiter().GetResult();
        _trail = _store.Get<AuditTrail>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var sorted = _latencies.Order().ToList();
        double P(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// Audit append latency, {Provider}, {Writers} writers, {sorted.Count:N0} appends: p50 {P(0.5):0.00} ms, p95 {P(0.95):0.00} ms, p99 {P(0.99):0.00} ms, max {sorted[^1]:0.00} ms"));
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark]
    public async Task<int> Append_8_writers_x_50()
    {
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < PerWriter; i++)
            {
                var record = AuditRecords.RunRequested(DateTimeOffset.UtcNow, new AuditActor($"u-bench-{writer}", "researcher", "org-1"), $"R-bench-{writer}-{i}", "P-bench", new string('a', 64));
                var clock = Stopwatch.GetTimestamp();
                await _trail.RecordAsync(record, default);
                _latencies.Add(Stopwatch.GetElapsedTime(clock).TotalMilliseconds);
            }
        })));
        return Writers * PerWriter;
    }
}
