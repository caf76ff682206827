using System.Text;
using Gatekeeper.Ingest.Exchange;
using Gatekeeper.Ingest.Importing;
using Gatekeeper.Ingest.Storage;

namespace Gatekeeper.Ingest.Tests.Storage;

/// <summary>All of a file or nothing; the same file twice changes nothing; too many bad rows refuse the whole file.</summary>
public sealed class AtomicImportTests : IDisposable
{
    private readonly IngestHarness _harness = new();

    [Fact]
    public async Task A_fault_after_half_the_rows_leaves_no_rows_and_no_partial_Parquet()
    {
        var path = _harness.Write("activity.csv", ActivityCsv(2000, "A"));

        await Assert.ThrowsAnyAsync<IOException>(() => _harness.Importer.ImportAsync("dpp", path, new IngestOptions { FailAfterRows = 1000 }));

        Assert.Empty(_harness.Store.CurrentParts("dpp", "activity"));
        Assert.False(Directory.Exists(_harness.Layout.TableFolder("dpp", "activity")));
        AssertNoLeftovers();
        var failed = Assert.Single(await _harness.Log.ListAsync("dpp"));
        Assert.Equal(ImportOutcome.Failed, failed.Outcome);

        // The same file imports cleanly afterwards: a failure is not an import.
        var retry = await _harness.Importer.ImportAsync("dpp", path);
        Assert.Equal(ImportOutcome.Committed, retry.Outcome);
        Assert.Equal(2000, _harness.Count("activity"));
    }

    [Fact]
    public async Task A_fault_just_before_publishing_leaves_the_previous_version_untouched()
    {
        await _harness.ImportAsync("first.csv", ActivityCsv(500, "A"));
        var version = _harness.Store.CurrentVersionFolder("dpp", "activity");
        var parts = _harness.Store.CurrentParts("dpp", "activity");
        var path = _harness.Write("second.csv", ActivityCsv(800, "B"));

        await Assert.ThrowsAnyAsync<IOException>(() => _harness.Importer.ImportAsync("dpp", path, new IngestOptions { FailBeforePublish = true }));

        Assert.Equal(version, _harness.Store.CurrentVersionFolder("dpp", "activity"));
        Assert.Equal(parts, _harness.Store.CurrentParts("dpp", "activity"));
        Assert.Equal(500, _harness.Count("activity"));
        Assert.Single(Directory.GetDirectories(_harness.Layout.VersionsFolder("dpp", "activity")));
        AssertNoLeftovers();
    }

    [Fact]
    public async Task A_fault_in_a_multi_threaded_import_of_a_large_file_leaves_nothing()
    {
        var path = _harness.Write("big.csv", ActivityCsv(120_000, "A"));
        Assert.True(new FileInfo(path).Length > ChunkPlanner.MinChunkBytes * 2);

        await Assert.ThrowsAnyAsync<IOException>(() => _harness.Importer.ImportAsync("dpp", path, new IngestOptions { FailAfterRows = 20_000, MaxParallelism = 2 }));
        Assert.Empty(_harness.Store.CurrentParts("dpp", "activity"));
        AssertNoLeftovers();

        var ok = await _harness.Importer.ImportAsync("dpp", path, new IngestOptions { MaxParallelism = 2 });
        Assert.Equal(120_000, ok.Record.PublishedRows);
        Assert.Equal(120_000, _harness.Count("activity"));
    }

    [Fact]
    public async Task Importing_the_same_file_twice_changes_nothing()
    {
        var csv = ActivityCsv(300, "A");
        var first = await _harness.ImportAsync("activity.csv", csv);
        var version = _harness.Store.CurrentVersionFolder("dpp", "activity");

        var second = await _harness.ImportAsync("activity.csv", csv);
        var renamed = await _harness.ImportAsync("renamed-copy.csv", csv);

        Assert.Equal(ImportOutcome.Committed, first.Outcome);
        Assert.Equal(ImportOutcome.AlreadyImported, second.Outcome);
        Assert.Equal(ImportOutcome.AlreadyImported, renamed.Outcome);
        Assert.Equal(first.Record.Sha256, second.Record.Sha256);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(csv))), first.Record.Sha256);
        Assert.Equal(version, _harness.Store.CurrentVersionFolder("dpp", "activity"));
        Assert.Equal(300, _harness.Count("activity"));
        var catalogue = await _harness.Store.ReadCatalogueAsync("dpp", "activity");
        Assert.Equal([first.Record.Sha256], catalogue!.Imports);
        var history = await _harness.Log.ListAsync("dpp");
        Assert.Equal([ImportOutcome.Committed, ImportOutcome.AlreadyImported, ImportOutcome.AlreadyImported], history.Select(h => h.Outcome));
    }

    [Fact]
    public async Task A_file_above_the_error_rate_is_refused_whole_and_below_it_accepted_with_a_report()
    {
        var rows = Enumerable.Range(0, 100).Select(i => Rows.With(("participant_id", $"P{i}"), ("step", i < 2 ? "BAD" : "100"))).ToArray();
        var csv = Rows.Csv(ExchangeFormat.Activity, Rows.Activity, rows);

        var refused = await _harness.ImportAsync("activity.csv", csv, new IngestOptions { MaxErrorRate = 0.01 });
        Assert.Equal(ImportOutcome.Refused, refused.Outcome);
        Assert.Equal(0.02, refused.Record.ErrorRate, 6);
        Assert.Empty(_harness.Store.CurrentParts("dpp", "activity"));
        Assert.True(File.Exists(refused.Report!.CsvPath));
        Assert.Contains("\"decision\": \"refused\"", await File.ReadAllTextAsync(refused.Report.JsonPath), StringComparison.Ordinal);

        var accepted = await _harness.ImportAsync("activity.csv", csv, new IngestOptions { MaxErrorRate = 0.05 });
        Assert.Equal(ImportOutcome.Committed, accepted.Outcome);
        Assert.Equal(98, _harness.Count("activity"));
        Assert.Equal(2, accepted.Report!.ErrorCount);
    }

    [Fact]
    public async Task Unknown_headers_are_refused_and_a_header_only_file_changes_nothing()
    {
        var unknown = await _harness.ImportAsync("x.csv", "foo,bar\n1,2\n");
        Assert.Equal(ImportOutcome.Refused, unknown.Outcome);
        Assert.Equal("header", unknown.Report!.Sample.Single().Rule);

        var empty = await _harness.ImportAsync("e.csv", Rows.Header(ExchangeFormat.Activity));
        Assert.Equal(ImportOutcome.Committed, empty.Outcome);
        Assert.Equal(0, empty.Record.Rows);
        Assert.Null(empty.Record.Version);
        Assert.Null(_harness.Store.CurrentVersionFolder("dpp", "activity"));
    }

    [Fact]
    public async Task Line_numbers_of_a_multi_threaded_import_match_the_file()
    {
        var rows = Enumerable.Range(0, 120_000).Select(i => Rows.With(("participant_id", $"P{i % 1000}"), ("observation_time", Day(i / 1000)), ("step", i is 7 or 119_990 or 60_001 ? "x" : "100"))).ToArray();
        var path = _harness.Write("activity.csv", Rows.Csv(ExchangeFormat.Activity, Rows.Activity, rows));

        var result = await _harness.Importer.ImportAsync("dpp", path, new IngestOptions { MaxParallelism = 2 });

        Assert.Equal([9L, 60_003L, 119_992L], result.Report!.Sample.Select(e => e.Line));
        var lines = File.ReadAllLines(path);
        Assert.All(result.Report.Sample, e => Assert.Contains(",x,", lines[e.Line - 1], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Folders_left_by_an_import_that_died_are_removed_by_a_later_import_once_a_day_old()
    {
        await _harness.ImportAsync("first.csv", ActivityCsv(10, "A"));
        var oldStaging = Path.Combine(_harness.Layout.Root, "staging", "dead-import");
        var oldBuild = Path.Combine(_harness.Layout.VersionsFolder("dpp", "activity"), ".build-dead-import");
        var freshBuild = Path.Combine(_harness.Layout.VersionsFolder("dpp", "activity"), ".build-running-import");
        foreach (var folder in new[] { oldStaging, oldBuild, freshBuild }) Directory.CreateDirectory(folder);
        Directory.SetLastWriteTimeUtc(oldStaging, DateTime.UtcNow.AddDays(-2));
        Directory.SetLastWriteTimeUtc(oldBuild, DateTime.UtcNow.AddDays(-2));

        await _harness.ImportAsync("second.csv", ActivityCsv(10, "B"));

        Assert.False(Directory.Exists(oldStaging));
        Assert.False(Directory.Exists(oldBuild));
        Assert.True(Directory.Exists(freshBuild));
        Assert.Equal(20, _harness.Count("activity"));
    }

    private void AssertNoLeftovers()
    {
        Assert.False(Directory.Exists(Path.Combine(_harness.Layout.Root, "staging")) && Directory.EnumerateFileSystemEntries(Path.Combine(_harness.Layout.Root, "staging")).Any());
        var versions = _harness.Layout.VersionsFolder("dpp", "activity");
        if (Directory.Exists(versions)) Assert.DoesNotContain(Directory.GetDirectories(versions), d => Path.GetFileName(d).StartsWith(".build", StringComparison.Ordinal));
    }

    private static string ActivityCsv(int rows, string prefix) =>
        Rows.Csv(ExchangeFormat.Activity, Rows.Activity, [.. Enumerable.Range(0, rows).Select(i => Rows.With(("participant_id", $"{prefix}{i % 500}"), ("observation_time", Day(i / 500))))]);

    private static string Day(int offset) => new DateOnly(2025, 4, 1).AddDays(offset).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + "000000";

    public void Dispose() => _harness.Dispose();
}
