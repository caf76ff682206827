using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Gatekeeper.Audit.Checkpoints;
using Gatekeeper.Audit.Export;
using Gatekeeper.Data;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Audit.Verification;

namespace Gatekeeper.Benchmarks.Audit;

/// <summary>
/// Issue 9 target: verifying a 1,000,000-entry chain in under 5 s. Streaming verification of the export file and of the
/// SQLite store (archive-free live table, paged through the read-only context), with checkpoints every 100 entries, against
/// the baseline of SHA-256 over the export file's bytes (what merely reading and hashing the same data costs).
/// </summary>
[Config(typeof(AuditBenchmarkConfig))]
public class AuditVerificationBenchmark
{
    public const int Entries = 1_000_000;
    private AuditBenchmarkStore _store = null!;
    private TrustedKeys _keys = null!;
    private readonly CpuTimes _cpu = new();

    [GlobalSetup]
    public void Setup()
    {
        _store = AuditBenchmarkStore.OpenAsync(DatabaseProvider.Sqlite, Entries).GetAwaiter().GetResult();
        _keys = _store.Get<AuditKeys>().LoadTrusted();
    }

    [IterationSetup]
    public void StartCpu() => _cpu.Start();

    [IterationCleanup]
    public void StopCpu() => _cpu.Stop();

    [GlobalCleanup]
    public void Cleanup()
    {
        _cpu.Print("of the benchmark above");
        _keys.Dispose();
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public async Task<string> Sha256_of_export_file()
    {
        await using var file = new FileStream(_store.ExportPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file));
    }

    [Benchmark]
    public async Task<long> Verify_export_file_streaming()
    {
        var report = await AuditFileVerifier.VerifyAsync([AuditFileSource.ForPath(_store.ExportPath)], _keys);
        return Checked(report.Result);
    }

    [Benchmark]
    public async Task<long> Verify_sqlite_store_streaming()
    {
        var verification = await _store.Get<AuditStoreVerifier>().VerifyAsync(AuditVerificationScope.Everything, default);
        return Checked(verification.Result);
    }

    private static long Checked(Gatekeeper.Audit.Chain.VerificationResult result) =>
        result.IsValid && result.EntriesChecked == Entries ? result.EntriesChecked : throw new InvalidOperationException(result.Message);
}
