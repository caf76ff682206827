using System.Globalization;
using Gatekeeper.Ingest.Exchange;
using Gatekeeper.Ingest.Importing;
using Gatekeeper.Ingest.Storage;

namespace Gatekeeper.Ingest.Tests.Storage;

/// <summary>The dataset's person numbers: dense, stable across imports, the same in every table, and changed only by a published import.</summary>
public sealed class PersonRegistryTests : IDisposable
{
    private readonly IngestHarness _harness = new();

    [Fact]
    public async Task Every_person_gets_one_dense_number_shared_by_all_tables_and_kept_across_imports()
    {
        await _harness.ImportAsync("activity-1.csv", ActivityCsv("A", persons: 40, days: 3));
        var first = Registry();
        Assert.Equal(Enumerable.Range(1, 40), first.Values.Order());
        // Within an import, numbers follow the pseudonyms' order.
        Assert.Equal(first.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value), Enumerable.Range(1, 40));

        // Ten known persons and twenty new ones in another table, then more activity: known numbers never change.
        var participants = Rows.Csv(ExchangeFormat.Participants, Rows.Participants,
            [.. Enumerable.Range(30, 30).Select(i => Rows.With(("participant_id", $"A{i}")))]);
        await _harness.ImportAsync("participants.csv", participants);
        await _harness.ImportAsync("activity-2.csv", ActivityCsv("A", persons: 60, days: 2, firstDay: 10));
        var registry = Registry();
        Assert.Equal(Enumerable.Range(1, 60), registry.Values.Order());
        Assert.All(first, p => Assert.Equal(p.Value, registry[p.Key]));

        // Every row carries its person's number, in every table and every part.
        foreach (var table in new[] { "activity", "participants" })
        {
            var mismatches = _harness.Query(
                $"SELECT count(*) FILTER (WHERE t.{PersonRegistry.Column} IS DISTINCT FROM r.person), count(*) FROM {{{table}}} t " +
                $"LEFT JOIN read_parquet({DuckDbSql.Literal(_harness.Layout.PersonRegistryFile("dpp"))}) r ON r.pseudonym = t.participant_id");
            Assert.Equal(0L, Convert.ToInt64(mismatches[0][0], CultureInfo.InvariantCulture));
            Assert.True(Convert.ToInt64(mismatches[0][1], CultureInfo.InvariantCulture) > 0);

            // A system column, never a catalogue variable.
            var catalogue = await _harness.Store.ReadCatalogueAsync("dpp", table);
            Assert.Equal(PersonRegistry.Column, catalogue!.PersonNumberColumn);
            Assert.Contains(PersonRegistry.Column, catalogue.SystemColumns);
            Assert.DoesNotContain(catalogue.Variables, v => v.Name == PersonRegistry.Column);
        }

        // The registry is on the host, outside the analysis folder that is mounted into sandboxes.
        Assert.False(_harness.Layout.PersonRegistryFile("dpp").StartsWith(_harness.Layout.AnalysisRoot, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_import_that_fails_or_is_refused_leaves_the_registry_as_it_was()
    {
        await _harness.ImportAsync("activity-1.csv", ActivityCsv("A", persons: 5, days: 2));
        var file = _harness.Layout.PersonRegistryFile("dpp");
        var before = await File.ReadAllBytesAsync(file);

        var path = _harness.Write("activity-2.csv", ActivityCsv("B", persons: 7, days: 2));
        await Assert.ThrowsAnyAsync<IOException>(() => _harness.Importer.ImportAsync("dpp", path, new IngestOptions { FailBeforePublish = true }));
        Assert.Equal(before, await File.ReadAllBytesAsync(file));

        var bad = Rows.Csv(ExchangeFormat.Activity, Rows.Activity, [.. Enumerable.Range(0, 10).Select(i => Rows.With(("participant_id", $"C{i}"), ("step", "BAD")))]);
        var refused = await _harness.ImportAsync("bad.csv", bad);
        Assert.Equal(ImportOutcome.Refused, refused.Outcome);
        Assert.Equal(before, await File.ReadAllBytesAsync(file));
        Assert.Equal(5, Registry().Count);
    }

    private Dictionary<string, int> Registry() =>
        _harness.Query($"SELECT pseudonym, person FROM read_parquet({DuckDbSql.Literal(_harness.Layout.PersonRegistryFile("dpp"))})")
            .ToDictionary(r => (string)r[0]!, r => Convert.ToInt32(r[1], CultureInfo.InvariantCulture));

    private static string ActivityCsv(string prefix, int persons, int days, int firstDay = 0) =>
        Rows.Csv(ExchangeFormat.Activity, Rows.Activity, [.. Enumerable.Range(0, persons * days).Select(i => Rows.With(
            ("participant_id", $"{prefix}{i % persons}"),
            ("observation_time", new DateOnly(2025, 4, 1).AddDays(firstDay + (i / persons)).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "000000")))]);

    public void Dispose() => _harness.Dispose();
}
