using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Gatekeeper.Audit;
using Gatekeeper.Audit.Checkpoints;
using Gatekeeper.Data;
using Gatekeeper.Data.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Benchmarks.Audit;

/// <summary>
/// Issue 9 target: appending stays under 2 ms p95 per entry with 8 concurrent writers on PostgreSQL. Each invocation runs
/// 8 writers × 50 appends on a 10,000-entry chain, with the chainer linking in the background every 200 ms as the web
/// process does; the per-append latencies of all iterations are printed as percentiles per case at the end
/// (BenchmarkDotNet's time is the batch's):
/// <list type="bullet">
/// <item><c>Append_8_writers_x_50</c>: what an action pays: its transaction, <see cref="AuditTrail.AppendAsync"/>, commit
/// (printed twice: the append alone inside the transaction, and with the commit every action pays anyway).</item>
/// <item><c>Append_8_writers_x_50_contexts_not_pooled</c>: the same, each action's context built anew instead of taken
/// from the store's pool (how the store made contexts before 2026-12-07).</item>
/// <item><c>Record_8_writers_x_50</c>: <see cref="AuditTrail.RecordAsync"/>, which also waits for its entry to be linked.</item>
/// <item><c>Baseline_locked_append_8_writers_x_50</c>: the previous design (lock held to commit), same transaction shape.</item>
/// </list>
/// </summary>
[Config(typeof(AuditBenchmarkConfig))]
public class AuditAppendBenchmark
{
    private const int Writers = 8;
    private const int PerWriter = 50;
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _latencies = new();
    private AuditBenchmarkStore _store = null!;
    private AuditTrail _trail = null!;
    private LockedAppendBaseline _baseline = null!;
    private IDbContextFactory<GatekeeperDbContext> _factory = null!;
    private DbContextOptions<GatekeeperDbContext> _unpooled = null!;
    private CancellationTokenSource _stop = null!;
    private Task _chainer = null!;

    [ParamsSource(nameof(Providers))]
    public DatabaseProvider Provider { get; set; }

    public static IEnumerable<DatabaseProvider> Providers =>
        AuditBenchmarkStore.PostgresAvailable ? [DatabaseProvider.Sqlite, DatabaseProvider.Postgres] : [DatabaseProvider.Sqlite];

    [GlobalSetup]
    public void Setup()
    {
        _store = AuditBenchmarkStore.OpenAsync(Provider, 10_000).GetAwaiter().GetResult();
        _trail = _store.Get<AuditTrail>();
        _factory = _store.Get<IDbContextFactory<GatekeeperDbContext>>();
        var builder = new DbContextOptionsBuilder<GatekeeperDbContext>();
        GatekeeperDataExtensions.Configure(builder, _store.Get<IOptions<DatabaseOptions>>().Value, _store.Folder);
        _unpooled = builder.Options;
        _baseline = new LockedAppendBaseline(_factory, _store.Get<CheckpointSigner>(), AuditBenchmarkStore.CheckpointEvery);
        _stop = new CancellationTokenSource();
        _chainer = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(200, _stop.Token);
                    await _trail.LinkPendingAsync(_stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop.Cancel();
        _chainer.GetAwaiter().GetResult();
        _trail.LinkPendingAsync(default).GetAwaiter().GetResult();
        var verification = _trail.VerifyAsync(default).GetAwaiter().GetResult();
        Console.WriteLine($"// Chain after the appends: {verification.Message}");
        foreach (var (name, bag) in _latencies.Where(p => !p.Value.IsEmpty).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var sorted = bag.Order().ToList();
            double P(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"// Audit append latency, {Provider}, {name}, {Writers} writers, {sorted.Count:N0} appends: p50 {P(0.5):0.00} ms, p95 {P(0.95):0.00} ms, p99 {P(0.99):0.00} ms, max {sorted[^1]:0.00} ms"));
        }

        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public Task<int> Baseline_locked_append_8_writers_x_50() =>
        RunAsync(nameof(Baseline_locked_append_8_writers_x_50), async record => await _baseline.AppendInOwnTransactionAsync(record, default));

    [Benchmark]
    public Task<int> Append_8_writers_x_50() => RunAsync(nameof(Append_8_writers_x_50), async record =>
    {
        await using var db = await _factory.CreateDbContextAsync();
        return await AppendInTransactionAsync(db, record);
    });

    [Benchmark]
    public Task<int> Append_8_writers_x_50_contexts_not_pooled() => RunAsync(nameof(Append_8_writers_x_50_contexts_not_pooled), async record =>
    {
        await using var db = new GatekeeperDbContext(_unpooled);
        return await AppendInTransactionAsync(db, record);
    });

    /// <summary>An action that only appends: its transaction, the append (timed alone), the commit.</summary>
    private async Task<double?> AppendInTransactionAsync(GatekeeperDbContext db, AuditRecord record)
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        var clock = Stopwatch.GetTimestamp();
        await _trail.AppendAsync(db, record, default);
        var append = Stopwatch.GetElapsedTime(clock).TotalMilliseconds;
        await tx.CommitAsync();
        return append;
    }

    [Benchmark]
    public Task<int> Record_8_writers_x_50() => RunAsync(nameof(Record_8_writers_x_50), async record =>
    {
        await _trail.RecordAsync(record, default);
        return null;
    });

    /// <summary>Runs the writers; records each append's time with its commit, and (when given) the append alone inside its transaction.</summary>
    private async Task<int> RunAsync(string name, Func<AuditRecord, Task<double?>> append)
    {
        var total = _latencies.GetOrAdd($"{name}, with commit", _ => []);
        var inside = _latencies.GetOrAdd($"{name}, append in the transaction", _ => []);
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < PerWriter; i++)
            {
                var record = AuditRecords.RunRequested(DateTimeOffset.UtcNow, new AuditActor($"u-bench-{writer}", "researcher", "org-1"), $"R-bench-{writer}-{i}", "P-bench", new string('a', 64));
                var clock = Stopwatch.GetTimestamp();
                var part = await append(record);
                total.Add(Stopwatch.GetElapsedTime(clock).TotalMilliseconds);
                if (part is { } ms) inside.Add(ms);
            }
        })));
        return Writers * PerWriter;
    }
}
