using Gatekeeper.Audit.Export;
using Gatekeeper.Data;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Audit.Archiving;
using Gatekeeper.Data.Audit.Export;
using Gatekeeper.Testing;

namespace Gatekeeper.Audit.Tests;

/// <summary>Exporting a range of the live log: self-contained, widened to signed checkpoints, verifiable offline by the same verifier.</summary>
public abstract class ExportStoreTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestStore _store = null!;
    private DateTimeOffset _start;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(provider, seed: false, new Dictionary<string, string?>
        {
            ["Gatekeeper:Audit:CheckpointEveryEntries"] = "10",
            ["Gatekeeper:Audit:CheckpointEvery"] = "30.00:00:00",
        });
        _start = _store.Time.GetUtcNow();
        // One entry an hour for 100 hours.
        await StoreWriting.AppendManyAsync(_store, 100, i => StoreWriting.Plain(_store, i) with { At = _start.AddHours(i - 1) });
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task A_time_range_is_widened_to_the_signed_checkpoints_around_it_and_verifies_offline()
    {
        using var file = new MemoryStream();
        var result = await _store.Get<AuditStoreExporter>().ExportAsync(new AuditExportRequest { From = _start.AddHours(24), To = _start.AddHours(45) }, file, default);

        Assert.True(result.Succeeded);
        var summary = result.Value!;
        Assert.Equal((25, 45), (summary.RequestedFirstSequence, summary.RequestedLastSequence));
        Assert.Equal((21, 50), (summary.FirstSequence, summary.LastSequence));
        Assert.Equal(30, summary.Entries);
        Assert.Equal(3, summary.Checkpoints);
        Assert.True(summary.StartVouched && summary.EndVouched);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file.ToArray())), summary.Sha256);

        using var trusted = _store.Get<AuditKeys>().LoadTrusted();
        var bytes = file.ToArray();
        var report = await AuditFileVerifier.VerifyAsync([new AuditFileSource("export.jsonl", () => new MemoryStream(bytes))], trusted);
        Assert.True(report.Result.IsValid, report.Result.Message);
        Assert.Equal(4, report.Result.CheckpointsChecked); // the anchor's (#20) and #30, #40, #50
        Assert.Equal(50, report.Result.LastSignedSequence);
    }

    [Fact]
    public async Task An_exact_range_keeps_its_ends_and_still_links()
    {
        using var file = new MemoryStream();
        var result = await _store.Get<AuditStoreExporter>().ExportAsync(new AuditExportRequest { FromSequence = 25, ToSequence = 45, ExtendToCheckpoints = false }, file, default);

        Assert.True(result.Succeeded);
        Assert.Equal((25, 45, false, false), (result.Value!.FirstSequence, result.Value.LastSequence, result.Value.StartVouched, result.Value.EndVouched));
        var bytes = file.ToArray();
        var report = await AuditFileVerifier.VerifyAsync([new AuditFileSource("export.jsonl", () => new MemoryStream(bytes))], trusted: null);
        Assert.True(report.Result.IsValid, report.Result.Message);
        Assert.Equal(21, report.Result.EntriesChecked);
    }

    [Fact]
    public async Task An_edited_export_is_found_offline()
    {
        using var file = new MemoryStream();
        await _store.Get<AuditStoreExporter>().ExportAsync(new AuditExportRequest(), file, default);
        var lines = System.Text.Encoding.UTF8.GetString(file.ToArray()).Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains("\"sequence\":63,", StringComparison.Ordinal) && l.StartsWith("{\"type\":\"entry\"", StringComparison.Ordinal));
        lines[index] = lines[index].Replace("\"outcome\":\"Succeeded\"", "\"outcome\":\"Refused\"", StringComparison.Ordinal);
        var edited = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines));

        using var trusted = _store.Get<AuditKeys>().LoadTrusted();
        var report = await AuditFileVerifier.VerifyAsync([new AuditFileSource("export.jsonl", () => new MemoryStream(edited))], trusted);

        Assert.Equal(63, report.Result.BrokenAt);
        Assert.Contains("edited", report.Result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ranges_that_are_empty_or_archived_are_refused_with_a_reason()
    {
        var exporter = _store.Get<AuditStoreExporter>();
        var empty = await exporter.ExportAsync(new AuditExportRequest { From = _start.AddDays(30) }, new MemoryStream(), default);
        var backwards = await exporter.ExportAsync(new AuditExportRequest { From = _start.AddHours(5), To = _start }, new MemoryStream(), default);
        Assert.Equal("no-entries", Assert.Single(empty.Errors).Rule);
        Assert.Equal("empty-range", Assert.Single(backwards.Errors).Rule);

        _store.Time.Advance(TimeSpan.FromDays(60));
        var archived = await _store.Get<AuditArchiver>().ArchiveBeforeAsync(_store.Time.GetUtcNow().AddDays(-30), AuditActor.System, default);
        Assert.True(archived.Succeeded);
        var old = await exporter.ExportAsync(new AuditExportRequest { FromSequence = 5 }, new MemoryStream(), default);
        var error = Assert.Single(old.Errors);
        Assert.Equal("archived", error.Rule);
        Assert.Contains("archive files are verifiable exports", error.Message, StringComparison.Ordinal);
    }
}

public sealed class SqliteExportStoreTests() : ExportStoreTests(DatabaseProvider.Sqlite);

public sealed class PostgresExportStoreTests() : ExportStoreTests(DatabaseProvider.Postgres);
