using System.Diagnostics;
using System.Security.Cryptography;
using Gatekeeper.Audit;
using Gatekeeper.Audit.Chain;
using Gatekeeper.Audit.Checkpoints;
using Gatekeeper.Audit.Export;
using Gatekeeper.Data;
using Gatekeeper.Data.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gatekeeper.Benchmarks.Audit;

/// <summary>
/// A store holding a realistic audit chain of <c>count</c> entries (a run pipeline's mix of actions, subject ids and
/// details; one entry every 3 s; a signed checkpoint every 100), plus the same chain as an export file. Built once
/// through the product's own registrations and rows, then cached between runs: the SQLite database and the export
/// under the temp folder, the PostgreSQL database on the server of <c>GATEKEEPER_TEST_POSTGRES</c>.
/// </summary>
public sealed class AuditBenchmarkStore : IAsyncDisposable
{
    public const int CheckpointEvery = 100;
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private AuditBenchmarkStore(ServiceProvider services, string folder, string exportPath, DatabaseProvider provider)
    {
        Services = services;
        Folder = folder;
        ExportPath = exportPath;
        Provider = provider;
    }

    public ServiceProvider Services { get; }

    public string Folder { get; }

    public string ExportPath { get; }

    public DatabaseProvider Provider { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static bool PostgresAvailable => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GATEKEEPER_TEST_POSTGRES"));

    /// <summary>Opens (building once) the store of <paramref name="count"/> entries; <paramref name="withExport"/>: also the export file (the file verifier's input).</summary>
    public static async Task<AuditBenchmarkStore> OpenAsync(DatabaseProvider provider, int count, bool withExport = true)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"gatekeeper-bench-audit-{count}");
        Directory.CreateDirectory(folder);
        string? connectionString = null;
        if (provider == DatabaseProvider.Postgres)
        {
            var admin = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("GATEKEEPER_TEST_POSTGRES")
                ?? throw new InvalidOperationException("Set GATEKEEPER_TEST_POSTGRES (scripts/ensure-postgres.sh) for the PostgreSQL benchmarks."));
            var database = $"gk_bench_audit_{count}";
            await using (var connection = new NpgsqlConnection(admin.ConnectionString))
            {
                await connection.OpenAsync();
                await using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{database}'", connection);
                if (await exists.ExecuteScalarAsync() is null)
                {
                    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
                    await create.ExecuteNonQueryAsync();
                }
            }

            admin.Database = database;
            connectionString = admin.ConnectionString;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gatekeeper:Database:Provider"] = provider.ToString(),
            ["Gatekeeper:Database:ConnectionString"] = connectionString,
            ["Gatekeeper:Database:CommandTimeoutSeconds"] = "600",
            ["Gatekeeper:Audit:CheckpointEveryEntries"] = CheckpointEvery.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(new DataFolder(folder))
            .AddGatekeeperData(configuration)
            .BuildServiceProvider();
        var store = new AuditBenchmarkStore(services, folder, Path.Combine(folder, "export.jsonl"), provider);
        await store.EnsureAsync(count, withExport);
        return store;
    }

    public static AuditRecord Record(long i, DateTimeOffset at)
    {
        var permit = $"P-{i / 5_000:D5}";
        var run = $"R-{i / 10:D8}";
        var actor = new AuditActor($"u-{(i * 7919) % 400:D4}", "researcher", $"org-{(i * 31) % 40:D3}", $"10.0.{i % 256}.{(i / 256) % 256}");
        var kind = i % 10;
        return kind switch
        {
            0 => AuditRecords.RunRequested(at, actor, run, permit, Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i % 977)))),
            1 => AuditRecords.RunCompleted(at, AuditActor.System, run, permit),
            2 => AuditRecords.CheckResult(at, AuditActor.System, $"O-{i:D9}", run, permit, passed: i % 7 != 0, i % 7 == 0 ? "min-count,dominance" : null, PolicyHash),
            3 => AuditRecords.OutputDecision(at, actor with { Id = $"u-checker-{i % 9}", Role = "output-checker" }, $"O-{i - 1:D9}", run, permit, i % 7 == 1 ? OutputDecisions.Block : OutputDecisions.Release),
            4 => AuditRecords.BudgetSpent(at, AuditActor.System, permit, run, 0.1),
            5 => AuditRecords.ReleaseDownloaded(at, actor, $"REL-{i / 10:D8}", permit, 2, 4096 + i % 1000),
            6 => new AuditRecord { At = at, ActorId = actor.Id, ActorRole = actor.Role, OrganisationId = actor.OrganisationId, ClientAddress = actor.ClientAddress,
                Action = AuditActions.SignedIn, SubjectType = AuditSubjectTypes.User, SubjectIds = [actor.Id], Reason = "password+totp" },
            7 => new AuditRecord { At = at, ActorId = actor.Id, ActorRole = actor.Role, OrganisationId = actor.OrganisationId, ClientAddress = actor.ClientAddress,
                Action = AuditActions.ApplicationSubmitted, SubjectType = AuditSubjectTypes.Application, SubjectIds = [$"{i:x8}-0000-7000-8000-{i:x12}", $"GK-2026-{i % 9999:D4}", "v1"] },
            8 => AuditRecords.RunRefused(at, actor, run, permit, i % 3 == 0 ? "budget-exhausted" : "variable-not-permitted"),
            _ => new AuditRecord { At = at, ActorId = actor.Id, ActorRole = actor.Role, OrganisationId = actor.OrganisationId, ClientAddress = actor.ClientAddress,
                Action = AuditActions.SignInFailed, SubjectType = AuditSubjectTypes.User, SubjectIds = [actor.Id], Outcome = AuditOutcome.Refused, Reason = "wrong-password" },
        };
    }

    private static readonly string PolicyHash = new('e', 64);

    /// <summary>The time of entry <paramref name="i"/> (one every 3 s), as the store keeps it.</summary>
    public static DateTimeOffset At(long i) => Start.AddSeconds(3 * (i - 1));

    public async ValueTask DisposeAsync() => await Services.DisposeAsync();

    private async Task EnsureAsync(int count, bool withExport)
    {
        await using (var db = await Get<IDbContextFactory<GatekeeperDbContext>>().CreateDbContextAsync())
        {
            var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
            if (applied.Count > 0 && !applied.SequenceEqual(db.Database.GetMigrations()))
            {
                // Built with another schema: start again.
                Console.WriteLine($"// The cached {Provider} benchmark store has another schema; rebuilding it");
                await db.Database.EnsureDeletedAsync();
                File.Delete(ExportPath);
            }

            await db.Database.MigrateAsync();
            var head = await db.Set<AuditEntryRow>().MaxAsync(e => e.Position) ?? 0;
            if (head >= count && (!withExport || File.Exists(ExportPath)))
            {
                // Entries appended by an earlier append benchmark run are removed; the bulk-loaded chain stays.
                if (head > count)
                {
                    await db.Set<AuditEntrySubjectRow>().Where(s => s.Sequence > count).ExecuteDeleteAsync();
                    await db.Set<AuditEntryRow>().Where(e => e.Sequence > count || e.Position > count || e.Position == null).ExecuteDeleteAsync();
                    await db.Set<AuditCheckpointRow>().Where(c => c.Sequence > count).ExecuteDeleteAsync();
                }

                return;
            }
            if (head != 0)
            {
                await db.Set<AuditEntrySubjectRow>().ExecuteDeleteAsync();
                await db.Set<AuditEntryRow>().ExecuteDeleteAsync();
                await db.Set<AuditCheckpointRow>().ExecuteDeleteAsync();
            }
        }

        Console.WriteLine($"// Building a {count:N0}-entry audit chain in {Provider}{(withExport ? $" and {ExportPath}" : "")} (cached for later runs) …");
        var clock = Stopwatch.StartNew();
        var signer = Get<CheckpointSigner>();
        if (withExport)
        {
            await using var stream = new FileStream(ExportPath + ".tmp", FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await using var writer = new AuditExportWriter(stream, leaveOpen: true);
            await writer.WriteHeaderAsync(new AuditExportHeader(ChainAnchor.Beginning, new Dictionary<string, string> { [signer.KeyId] = signer.PublicKey }) { LastSequence = count });

            // Checkpoints first in the file: build the chain once for them, then again for the entries.
            var chained = ChainedEntry.Genesis;
            for (long i = 1; i <= count; i++)
            {
                var entry = EntryHasher.Link(i, Record(i, At(i)), chained);
                chained = entry.Hash;
                if (i % CheckpointEvery == 0) await writer.WriteCheckpointAsync(signer.Sign(i, entry.Hash, entry.Record.At));
            }

            chained = ChainedEntry.Genesis;
            for (long i = 1; i <= count; i++)
            {
                var entry = EntryHasher.Link(i, Record(i, At(i)), chained);
                chained = entry.Hash;
                await writer.WriteEntryAsync(entry);
            }

            await writer.CompleteAsync();
            await stream.DisposeAsync();
            File.Move(ExportPath + ".tmp", ExportPath, overwrite: true);
        }

        var previous = ChainedEntry.Genesis;
        await using (var db = await Get<IDbContextFactory<GatekeeperDbContext>>().CreateDbContextAsync())
        await using (var loader = await AuditBulkLoader.OpenAsync(db))
        {
            for (long i = 1; i <= count; i++)
            {
                var entry = EntryHasher.Link(i, Record(i, At(i)), previous);
                previous = entry.Hash;
                await loader.AddAsync(entry, i % CheckpointEvery == 0 ? signer.Sign(i, entry.Hash, entry.Record.At) : null);
                if (i % 1_000_000 == 0) Console.WriteLine($"//   {i:N0} entries, {clock.Elapsed.TotalSeconds:0} s");
            }
        }

        if (Provider == DatabaseProvider.Postgres)
        {
            await using var db = await Get<IDbContextFactory<GatekeeperDbContext>>().CreateDbContextAsync();
            // Entry numbers were loaded explicitly: the identity continues after them.
            await db.Database.ExecuteSqlRawAsync("SELECT setval(pg_get_serial_sequence('audit_entries', 'Sequence'), (SELECT max(\"Sequence\") FROM audit_entries))");
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
        }
        else
        {
            await using var db = await Get<IDbContextFactory<GatekeeperDbContext>>().CreateDbContextAsync();
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }

        Console.WriteLine($"// Built in {clock.Elapsed.TotalSeconds:0} s");
    }
}
