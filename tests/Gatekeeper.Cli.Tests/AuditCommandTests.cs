using Gatekeeper.Audit;
using Gatekeeper.Data;
using Gatekeeper.Data.Audit;
using Gatekeeper.Testing;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Cli.Tests;

/// <summary><c>verify-audit</c>, <c>export-audit</c> and <c>archive-audit</c> against real stores, as an operator runs them.</summary>
public abstract class AuditCommandTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateTimeOffset LongAgo = DateTimeOffset.UtcNow.AddDays(-60);
    private TestStore _store = null!;
    private string _work = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(provider, seed: false, new Dictionary<string, string?> { ["Gatekeeper:Audit:CheckpointEveryEntries"] = "10" }, LongAgo);
        var trail = _store.Get<AuditTrail>();
        for (var i = 1; i <= 35; i++)
        {
            await trail.RecordAsync(new AuditRecord
            {
                At = LongAgo.AddMinutes(i), ActorId = $"u-{i % 3}", ActorRole = "researcher", Action = "test.append", SubjectIds = [$"thing-{i}"],
            }, default);
        }

        _work = Directory.CreateTempSubdirectory("gatekeeper-cli-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private string[] Store => Cli.StoreOptions(_store);

    [Fact]
    public async Task Verify_audit_reports_an_intact_chain_exits_0_and_records_the_result()
    {
        var run = await Cli.RunAsync(["verify-audit", .. Store]);

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("AUDIT CHAIN INTACT", run.Output, StringComparison.Ordinal);
        Assert.Contains("35 entries", run.Output, StringComparison.Ordinal);
        Assert.Contains("recorded as entry #36 (audit.verified)", run.Output, StringComparison.Ordinal);
        await using var db = await _store.DbAsync();
        var recorded = await db.Set<AuditEntryRow>().SingleAsync(e => e.Action == AuditActions.AuditVerified);
        Assert.StartsWith("cli:", recorded.ActorId, StringComparison.Ordinal);
        Assert.Equal(AuditOutcome.Succeeded, recorded.Outcome);
    }

    [Fact]
    public async Task Verify_audit_prints_the_first_broken_entry_and_what_is_wrong_and_exits_4()
    {
        await using (var db = await _store.DbAsync())
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET \"ActorId\" = 'someone-else' WHERE \"Sequence\" = 17");

        var run = await Cli.RunAsync(["verify-audit", .. Store, "--no-record"]);

        Assert.True(run.Exit == 4, run.ToString());
        Assert.Contains("AUDIT CHAIN BROKEN", run.Output, StringComparison.Ordinal);
        Assert.Contains("Chain broken at entry #17: its content does not match its hash: edited (in live table)", run.Output, StringComparison.Ordinal);
        Assert.Contains("entry #17:", run.Output, StringComparison.Ordinal);
        Assert.Contains("someone-else test.append [thing-17]", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_audit_finds_deleted_entries()
    {
        await using (var db = await _store.DbAsync())
            await db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries WHERE \"Sequence\" = 22");

        var run = await Cli.RunAsync(["verify-audit", .. Store, "--no-record"]);

        Assert.True(run.Exit == 4, run.ToString());
        Assert.Contains("entry #22 is missing", run.Output, StringComparison.Ordinal);
        Assert.Contains("entry #22 is not in the live table", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_verifies_offline_with_the_published_key_and_an_edit_is_caught()
    {
        var file = Path.Combine(_work, "export.jsonl");
        var from = LongAgo.AddMinutes(11.5).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var to = LongAgo.AddMinutes(24.5).ToString("O", System.Globalization.CultureInfo.InvariantCulture);

        var export = await Cli.RunAsync(["export-audit", .. Store, "--from", from, "--to", to, "--out", file]);

        Assert.True(export.Exit == 0, export.ToString());
        Assert.Contains("Exported entries #11-#30", export.Output, StringComparison.Ordinal);
        Assert.Contains("asked for #12-#24", export.Output, StringComparison.Ordinal);
        var key = Path.Combine(_store.DataFolder, "keys", "audit-signing.pub.pem");
        Assert.True(File.Exists(key));
        var verify = await Cli.RunAsync(["verify-audit", "--file", file, "--public-key", key]);
        Assert.True(verify.Exit == 0, verify.ToString());
        Assert.Contains("20 entries", verify.Output, StringComparison.Ordinal);

        var lines = await File.ReadAllLinesAsync(file);
        var index = Array.FindIndex(lines, l => l.Contains("\"sequence\":15,", StringComparison.Ordinal) && l.StartsWith("{\"type\":\"entry\"", StringComparison.Ordinal));
        lines[index] = lines[index].Replace("\"thing-15\"", "\"thing-99\"", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(file, lines);
        var tampered = await Cli.RunAsync(["verify-audit", "--file", file, "--public-key", key]);
        Assert.True(tampered.Exit == 4, tampered.ToString());
        Assert.Contains("#15", tampered.Output, StringComparison.Ordinal);
        Assert.Contains("thing-99", tampered.Output, StringComparison.Ordinal);
        await using var db = await _store.DbAsync();
        Assert.True(await db.Set<AuditEntryRow>().AnyAsync(e => e.Action == AuditActions.AuditExported));
    }

    [Fact]
    public async Task Without_a_pinned_key_offline_verification_says_it_used_the_files_own_key()
    {
        var file = Path.Combine(_work, "all.jsonl");
        Assert.Equal(0, (await Cli.RunAsync(["export-audit", .. Store, "--out", file, "--no-record"])).Exit);

        var run = await Cli.RunAsync(["verify-audit", "--file", file]);

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("rules out accidents, not a forger", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Archive_audit_archives_and_verify_audit_checks_archives_and_live_table_as_one_chain()
    {
        await _store.Get<AuditTrail>().RecordAsync(new AuditRecord { At = DateTimeOffset.UtcNow, ActorId = "u-now", Action = "test.recent" }, default);

        var archive = await Cli.RunAsync(["archive-audit", .. Store, "--older-than-days", "30"]);

        Assert.True(archive.Exit == 0, archive.ToString());
        Assert.Contains("audit-000000000001-000000000030.jsonl: #1-#30", archive.Output, StringComparison.Ordinal);
        var verify = await Cli.RunAsync(["verify-audit", .. Store, "--no-record"]);
        Assert.True(verify.Exit == 0, verify.ToString());
        Assert.Contains("1 archive file(s) with 30 entries", verify.Output, StringComparison.Ordinal);
        var manifest = Path.Combine(_store.DataFolder, "audit-archive", "manifest.json");
        var offline = await Cli.RunAsync(["verify-audit", "--manifest", manifest, "--data-folder", _store.DataFolder]);
        Assert.True(offline.Exit == 0, offline.ToString());
        Assert.Contains("trusted keys:", offline.Output, StringComparison.Ordinal);

        File.Delete(Path.Combine(_store.DataFolder, "audit-archive", "audit-000000000001-000000000030.jsonl"));
        var missing = await Cli.RunAsync(["verify-audit", .. Store, "--no-record"]);
        Assert.True(missing.Exit == 4, missing.ToString());
        Assert.Contains("is missing from", missing.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_errors_are_messages_with_exit_2_never_stack_traces()
    {
        var file = Path.Combine(_work, "exists.jsonl");
        await File.WriteAllTextAsync(file, "x");
        var exists = await Cli.RunAsync(["export-audit", .. Store, "--out", file]);
        var badDate = await Cli.RunAsync(["export-audit", .. Store, "--from", "last tuesday", "--out", Path.Combine(_work, "x.jsonl")]);
        var both = await Cli.RunAsync(["verify-audit", "--file", file, "--manifest", file]);
        var retentionOff = await Cli.RunAsync(["archive-audit", .. Store]);
        var settings = Path.Combine(_work, "appsettings.json");
        await File.WriteAllTextAsync(settings, "{\"Gatekeeper\":{\"Audit\":{\"Console\":{\"TimeZone\":\"Mars/Olympus\"}}}}");
        var badSetting = await Cli.RunAsync(["verify-audit", .. Store, "--settings", settings]);
        var notAnExport = await Cli.RunAsync(["verify-audit", "--file", file]);

        Assert.Equal(2, exists.Exit);
        Assert.Contains("exists; choose another --out or pass --force", exists.Error, StringComparison.Ordinal);
        Assert.Equal(2, badDate.Exit);
        Assert.Contains("--from 'last tuesday' is not a date", badDate.Error, StringComparison.Ordinal);
        Assert.Equal(2, both.Exit);
        Assert.Equal(2, retentionOff.Exit);
        Assert.Contains("--older-than-days", retentionOff.Error, StringComparison.Ordinal);
        Assert.Equal(2, badSetting.Exit);
        Assert.Contains("Gatekeeper:Audit:Console:TimeZone 'Mars/Olympus'", badSetting.Error, StringComparison.Ordinal);
        Assert.Equal(2, notAnExport.Exit);
        Assert.Contains("is not an audit export", notAnExport.Error, StringComparison.Ordinal);
        foreach (var run in new[] { exists, badDate, both, retentionOff, badSetting, notAnExport })
            Assert.DoesNotContain("   at ", run.Output + run.Error, StringComparison.Ordinal);
    }
}

public sealed class SqliteAuditCommandTests() : AuditCommandTests(DatabaseProvider.Sqlite);

public sealed class PostgresAuditCommandTests() : AuditCommandTests(DatabaseProvider.Postgres);
