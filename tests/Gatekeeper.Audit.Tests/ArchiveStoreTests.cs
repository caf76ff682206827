using Gatekeeper.Audit.Archive;
using Gatekeeper.Audit.Checkpoints;
using Gatekeeper.Audit.Export;
using Gatekeeper.Data;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Audit.Archiving;
using Gatekeeper.Data.Audit.Verification;
using Gatekeeper.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gatekeeper.Audit.Tests;

/// <summary>Retention: old entries go to archive files and the archives plus the live table still verify as one chain.</summary>
public abstract class ArchiveStoreTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync(provider, seed: false, new Dictionary<string, string?>
    {
        ["Gatekeeper:Audit:CheckpointEveryEntries"] = "10",
        ["Gatekeeper:Audit:Retention:ArchiveAfterDays"] = "30",
        ["Gatekeeper:Audit:Retention:MaxEntriesPerFile"] = "1000",
        ["Gatekeeper:Audit:Retention:RunEvery"] = "01:00:00",
    });

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private AuditArchiver Archiver => _store.Get<AuditArchiver>();

    private AuditStoreVerifier Verifier => _store.Get<AuditStoreVerifier>();

    [Fact]
    public async Task Old_checkpoint_intervals_go_to_files_and_archives_plus_live_table_verify_as_one_chain()
    {
        await StoreWriting.AppendManyAsync(_store, 2_505, i => StoreWriting.Plain(_store, i));
        _store.Time.Advance(TimeSpan.FromDays(40));
        await StoreWriting.AppendManyAsync(_store, 5, i => StoreWriting.Plain(_store, i));

        var run = await Archiver.ArchiveDueAsync(AuditActor.System, default);

        Assert.True(run.Succeeded, Errors(run));
        Assert.Equal(["audit-000000000001-000000001000.jsonl", "audit-000000001001-000000002000.jsonl", "audit-000000002001-000000002500.jsonl"],
            run.Value!.Files.Select(f => f.File));
        Assert.Equal(2_500, run.Value.Entries);
        await using (var db = await _store.DbAsync())
        {
            Assert.Equal(2_501, await db.Set<AuditEntryRow>().MinAsync(e => e.Sequence));
            Assert.False(await db.Set<AuditCheckpointRow>().AnyAsync(c => c.Sequence <= 2_500));
            Assert.False(await db.Set<AuditEntrySubjectRow>().AnyAsync(s => s.Sequence <= 2_500));
            Assert.Equal(3, await db.Set<AuditEntryRow>().CountAsync(e => e.Action == AuditActions.AuditArchived));
        }

        var everything = await Verifier.VerifyAsync(AuditVerificationScope.Everything, default);
        Assert.True(everything.Result.IsValid, everything.Result.Message);
        Assert.Equal(3, everything.ArchiveFiles);
        Assert.Equal(2_500, everything.ArchivedEntries);
        Assert.Equal(2_510 + 3, everything.Result.EntriesChecked);
        var live = await Verifier.VerifyAsync(AuditVerificationScope.LiveOnly, default);
        Assert.True(live.Result.IsValid, live.Result.Message);
        Assert.Equal(13, live.Result.EntriesChecked);

        // The chain goes on, and the archive folder verifies offline through its manifest.
        await _store.Get<AuditTrail>().RecordAsync(StoreWriting.Plain(_store, 9999), default);
        Assert.True((await _store.Get<AuditTrail>().VerifyAsync(default)).IsValid);
        var manifest = await AuditArchiveManifest.ReadAsync(Path.Combine(Archiver.Folder, AuditArchiveManifest.FileName));
        Assert.Equal(3, manifest.Files.Count);
        using var trusted = _store.Get<AuditKeys>().LoadTrusted();
        var offline = await AuditFileVerifier.VerifyAsync(
            [.. manifest.Files.Select(f => AuditFileSource.ForPath(Path.Combine(Archiver.Folder, f.File)) with { ExpectedSha256 = f.Sha256 })], trusted);
        Assert.True(offline.Result.IsValid, offline.Result.Message);
        Assert.Equal(2_500, offline.Result.EntriesChecked);
    }

    [Fact]
    public async Task Nothing_is_archived_before_its_time()
    {
        await StoreWriting.AppendManyAsync(_store, 50, i => StoreWriting.Plain(_store, i));
        _store.Time.Advance(TimeSpan.FromDays(29));

        var run = await Archiver.ArchiveDueAsync(AuditActor.System, default);

        Assert.True(run.Succeeded, Errors(run));
        Assert.Empty(run.Value!.Files);
        Assert.False(File.Exists(Path.Combine(Archiver.Folder, AuditArchiveManifest.FileName)));
    }

    [Fact]
    public async Task When_every_live_entry_is_archived_the_chain_continues_from_the_archive()
    {
        await StoreWriting.AppendManyAsync(_store, 30, i => StoreWriting.Plain(_store, i));
        _store.Time.Advance(TimeSpan.FromDays(31));

        var run = await Archiver.ArchiveDueAsync(AuditActor.System, default);

        Assert.True(run.Succeeded, Errors(run));
        await using (var db = await _store.DbAsync())
        {
            var remaining = await db.Set<AuditEntryRow>().OrderBy(e => e.Sequence).ToListAsync();
            var only = Assert.Single(remaining);
            Assert.Equal(31, only.Sequence);
            Assert.Equal(AuditActions.AuditArchived, only.Action);
        }

        var verification = await Verifier.VerifyAsync(AuditVerificationScope.Everything, default);
        Assert.True(verification.Result.IsValid, verification.Result.Message);
        Assert.Equal(31, verification.Result.LastSequence);
    }

    [Fact]
    public async Task An_edited_archive_file_is_found_in_that_file()
    {
        var file = await ArchiveSomeAsync();
        var path = Path.Combine(Archiver.Folder, file);
        var lines = await File.ReadAllLinesAsync(path);
        var index = Array.FindIndex(lines, l => l.Contains("\"sequence\":17,", StringComparison.Ordinal) && l.StartsWith("{\"type\":\"entry\"", StringComparison.Ordinal));
        lines[index] = lines[index].Replace("\"user-", "\"someone-", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(path, lines);

        var verification = await Verifier.VerifyAsync(AuditVerificationScope.Everything, default);

        Assert.False(verification.Result.IsValid);
        Assert.Equal(17, verification.Result.BrokenAt);
        Assert.Equal(file, verification.Result.Location);
        // The live table alone is still intact (its anchor is the signed checkpoint recorded with the archive).
        Assert.True((await Verifier.VerifyAsync(AuditVerificationScope.LiveOnly, default)).Result.IsValid);
    }

    [Fact]
    public async Task A_missing_archive_file_is_reported()
    {
        var file = await ArchiveSomeAsync();
        File.Delete(Path.Combine(Archiver.Folder, file));

        var verification = await Verifier.VerifyAsync(AuditVerificationScope.Everything, default);

        Assert.False(verification.Result.IsValid);
        Assert.Equal(1, verification.Result.BrokenAt);
        Assert.Contains("missing", verification.Result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_first_live_entries_after_an_archive_is_found()
    {
        await ArchiveSomeAsync();
        await using (var db = await _store.DbAsync())
        {
            var first = await db.Set<AuditEntryRow>().MinAsync(e => e.Sequence);
            await db.Database.ExecuteSqlAsync($"DELETE FROM audit_entries WHERE \"Sequence\" <= {first + 1}");
        }

        var everything = await Verifier.VerifyAsync(AuditVerificationScope.Everything, default);
        var live = await Verifier.VerifyAsync(AuditVerificationScope.LiveOnly, default);

        Assert.Equal(41, everything.Result.BrokenAt);
        Assert.Contains("deleted", everything.Result.Message, StringComparison.Ordinal);
        Assert.Equal(41, live.Result.BrokenAt);
    }

    [Fact]
    public async Task A_forged_archive_record_does_not_verify()
    {
        await ArchiveSomeAsync();
        await using (var db = await _store.DbAsync())
            await db.Database.ExecuteSqlAsync($"UPDATE audit_archives SET \"LastHash\" = {new string('0', 64)}");

        var live = await Verifier.VerifyAsync(AuditVerificationScope.LiveOnly, default);

        Assert.False(live.Result.IsValid);
        Assert.Equal(40, live.Result.BrokenAt);
    }

    [Fact]
    public async Task A_broken_chain_is_never_archived()
    {
        await StoreWriting.AppendManyAsync(_store, 45, i => StoreWriting.Plain(_store, i));
        await using (var db = await _store.DbAsync())
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET \"ActorId\" = 'nobody' WHERE \"Sequence\" = 12");
        _store.Time.Advance(TimeSpan.FromDays(40));

        var run = await Archiver.ArchiveDueAsync(AuditActor.System, default);

        Assert.False(run.Succeeded);
        Assert.Contains("#12", Errors(run), StringComparison.Ordinal);
        Assert.Contains("verify-audit", Errors(run), StringComparison.Ordinal);
        await using var check = await _store.DbAsync();
        Assert.Equal(45, await check.Set<AuditEntryRow>().CountAsync());
        Assert.False(await check.Set<AuditArchiveRow>().AnyAsync());
        Assert.Empty(Directory.Exists(Archiver.Folder) ? Directory.GetFiles(Archiver.Folder) : []);
    }

    [Fact]
    public async Task With_retention_off_archiving_is_refused_with_the_setting_named()
    {
        await using var store = await TestStore.CreateAsync(provider, seed: false);
        var run = await store.Get<AuditArchiver>().ArchiveDueAsync(AuditActor.System, default);
        Assert.False(run.Succeeded);
        Assert.Contains("Gatekeeper:Audit:Retention:ArchiveAfterDays", Errors(run), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_background_service_archives_when_its_period_comes()
    {
        await StoreWriting.AppendManyAsync(_store, 25, i => StoreWriting.Plain(_store, i));
        _store.Time.Advance(TimeSpan.FromDays(31));
        var service = _store.Services.GetServices<IHostedService>().OfType<AuditMaintenanceService>().Single();
        await service.StartAsync(default);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            var archived = false;
            while (!archived && DateTime.UtcNow < deadline)
            {
                _store.Time.Advance(TimeSpan.FromHours(1));
                await Task.Delay(100);
                await using var db = await _store.DbAsync();
                archived = await db.Set<AuditArchiveRow>().AnyAsync();
            }

            Assert.True(archived, "the maintenance service did not archive within 30 s");
        }
        finally
        {
            await service.StopAsync(default);
        }
    }

    [Fact]
    public void Bad_retention_settings_are_refused_naming_the_setting()
    {
        var options = new AuditRetentionOptions { ArchiveAfterDays = 0 };
        Assert.Contains("Gatekeeper:Audit:Retention:ArchiveAfterDays", options.Validate(), StringComparison.Ordinal);
        Assert.Contains("RunEvery", new AuditRetentionOptions { RunEvery = TimeSpan.FromSeconds(5) }.Validate(), StringComparison.Ordinal);
        Assert.Null(new AuditRetentionOptions().Validate());
    }

    /// <summary>45 entries, 40 days later 5 more: archives #1-#40 (up to the last checkpoint older than 30 days) into one file.</summary>
    private async Task<string> ArchiveSomeAsync()
    {
        await StoreWriting.AppendManyAsync(_store, 45, i => StoreWriting.Plain(_store, i));
        _store.Time.Advance(TimeSpan.FromDays(40));
        await StoreWriting.AppendManyAsync(_store, 5, i => StoreWriting.Plain(_store, i));
        var run = await Archiver.ArchiveDueAsync(AuditActor.System, default);
        Assert.True(run.Succeeded, Errors(run));
        var file = Assert.Single(run.Value!.Files);
        Assert.Equal(40, file.LastSequence);
        return file.File;
    }

    private static string Errors<T>(Domain.Common.DomainResult<T> result) => string.Join("; ", result.Errors.Select(e => e.Message));
}

public sealed class SqliteArchiveStoreTests() : ArchiveStoreTests(DatabaseProvider.Sqlite);

public sealed class PostgresArchiveStoreTests() : ArchiveStoreTests(DatabaseProvider.Postgres);
