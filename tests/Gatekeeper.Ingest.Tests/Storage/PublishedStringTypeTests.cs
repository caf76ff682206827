using Gatekeeper.Ingest.Exchange;
using Gatekeeper.Ingest.Importing;

namespace Gatekeeper.Ingest.Tests.Storage;

/// <summary>
/// String columns are published as VARCHAR whether their dictionary was small enough to be written through a DuckDB
/// ENUM or not, and a later file supersedes rows across the two kinds of part.
/// </summary>
public sealed class PublishedStringTypeTests : IDisposable
{
    private readonly IngestHarness _harness = new();

    [Fact]
    public async Task Small_and_large_dictionaries_both_read_back_as_varchar_and_supersede_each_other()
    {
        // More distinct participants than an ENUM may hold: this part is written from VARCHAR.
        var many = Enumerable.Range(0, TablePublisher.EnumMaxValues + 1)
            .Select(i => Rows.With(("participant_id", $"P{i:D6}"), ("step", "100"), ("update_time", "20250402060000000")))
            .ToArray();
        var large = await _harness.ImportAsync("large.csv", Rows.Csv(ExchangeFormat.Activity, Rows.Activity, many), new IngestOptions { MaxParallelism = 1 });
        Assert.Equal(TablePublisher.EnumMaxValues + 1, large.Record.PublishedRows);

        // Few participants: written through ENUMs; one of them is a newer resend of a row of the large part.
        var small = await _harness.ImportAsync("small.csv", Rows.Csv(ExchangeFormat.Activity, Rows.Activity,
            Rows.With(("participant_id", "P000007"), ("step", "777"), ("update_time", "20250403060000000")),
            Rows.With(("participant_id", "NEW"), ("step", "5"))));

        Assert.Equal(2, small.Record.PublishedRows);
        Assert.Equal(1, small.Record.ReplacedRows);
        var types = _harness.Query("SELECT DISTINCT typeof(participant_id), typeof(production_specification_serial), typeof(model_number) FROM {activity}");
        Assert.Equal(["VARCHAR", "VARCHAR", "VARCHAR"], Assert.Single(types).Select(t => (string)t!));
        var p = await _harness.PseudonymiserAsync();
        var steps = _harness.Query("SELECT participant_id, step FROM {activity}").ToDictionary(r => (string)r[0]!, r => (int)r[1]!);
        Assert.Equal(TablePublisher.EnumMaxValues + 2, steps.Count);
        Assert.Equal(777, steps[p.Person("P000007")]);
        Assert.Equal(100, steps[p.Person("P000008")]);
        Assert.Equal(5, steps[p.Person("NEW")]);
    }

    public void Dispose() => _harness.Dispose();
}
