using Gatekeeper.Ingest.Exchange;
using Gatekeeper.Ingest.Storage;

namespace Gatekeeper.Ingest.Tests.Storage;

/// <summary>A resend with a later update_time replaces the earlier row of the same observation; an earlier or equal one does not.</summary>
public sealed class SupersessionTests : IDisposable
{
    private readonly IngestHarness _harness = new();

    [Fact]
    public async Task Within_a_file_the_latest_update_time_wins_and_ties_keep_the_first_row()
    {
        var csv = Rows.Csv(ExchangeFormat.Activity, Rows.Activity,
            Rows.With(("step", "1000"), ("update_time", "20250402060000000")),
            Rows.With(("step", "2000"), ("update_time", "20250403060000000")),
            Rows.With(("step", "1500"), ("update_time", "20250402070000000")),
            Rows.With(("participant_id", "B"), ("step", "10"), ("update_time", "20250402060000000")),
            Rows.With(("participant_id", "B"), ("step", "20"), ("update_time", "20250402060000000")),
            Rows.With(("participant_id", "C"), ("observation_time", "20250402000000"), ("step", "7")));
        var result = await _harness.ImportAsync("activity.csv", csv);

        Assert.Equal(3, result.Record.PublishedRows);
        Assert.Equal(3, result.Record.SupersededRows);
        var p = await _harness.PseudonymiserAsync();
        var steps = _harness.Query("SELECT participant_id, step FROM {activity}").ToDictionary(r => (string)r[0]!, r => (int)r[1]!);
        Assert.Equal(2000, steps[p.Person("DPP0000001")]);
        Assert.Equal(10, steps[p.Person("B")]);
        Assert.Equal(7, steps[p.Person("C")]);
    }

    [Fact]
    public async Task A_later_file_replaces_older_rows_and_cannot_undo_newer_ones()
    {
        await _harness.ImportAsync("day1.csv", Rows.Csv(ExchangeFormat.Activity, Rows.Activity,
            Rows.With(("participant_id", "A"), ("step", "100"), ("update_time", "20250402060000000")),
            Rows.With(("participant_id", "B"), ("step", "200"), ("update_time", "20250402060000000")),
            Rows.With(("participant_id", "C"), ("step", "300"), ("update_time", "20250402060000000"))));
        var firstParts = _harness.Store.CurrentParts("dpp", "activity");

        var resend = await _harness.ImportAsync("resend.csv", Rows.Csv(ExchangeFormat.Activity, Rows.Activity,
            Rows.With(("participant_id", "A"), ("step", "111"), ("update_time", "20250403060000000")),
            Rows.With(("participant_id", "B"), ("step", "222"), ("update_time", "20250401060000000")),
            Rows.With(("participant_id", "C"), ("step", "333"), ("update_time", "20250402060000000")),
            Rows.With(("participant_id", "D"), ("step", "444"))));

        Assert.Equal(ImportOutcome.Committed, resend.Outcome);
        Assert.Equal(2, resend.Record.PublishedRows);
        Assert.Equal(2, resend.Record.SupersededRows);
        Assert.Equal(1, resend.Record.ReplacedRows);
        var p = await _harness.PseudonymiserAsync();
        var steps = _harness.Query("SELECT participant_id, step FROM {activity}").ToDictionary(r => (string)r[0]!, r => (int)r[1]!);
        Assert.Equal(4, steps.Count);
        Assert.Equal(111, steps[p.Person("A")]);
        Assert.Equal(200, steps[p.Person("B")]);
        Assert.Equal(300, steps[p.Person("C")]);
        Assert.Equal(444, steps[p.Person("D")]);
        Assert.DoesNotContain(firstParts[0], _harness.Store.CurrentParts("dpp", "activity"));
    }

    [Fact]
    public async Task Other_observations_of_the_same_person_and_unaffected_parts_are_kept_as_they_were()
    {
        await _harness.ImportAsync("a.csv", Rows.Csv(ExchangeFormat.HbA1c, Rows.HbA1c, Rows.With(("observation_date", "20250401")), Rows.With(("observation_date", "20250701"))));
        await _harness.ImportAsync("b.csv", Rows.Csv(ExchangeFormat.HbA1c, Rows.HbA1c, Rows.With(("participant_id", "OTHER"))));
        var partsBefore = _harness.Store.CurrentParts("dpp", "hba1c").Select(Path.GetFileName).ToList();

        var result = await _harness.ImportAsync("c.csv", Rows.Csv(ExchangeFormat.HbA1c, Rows.HbA1c, Rows.With(("observation_date", "20250701"), ("hba1c", "6.2"), ("update_time", "20250801060000000"))));

        Assert.Equal(1, result.Record.ReplacedRows);
        var values = _harness.Query("SELECT CAST(observation_date AS VARCHAR), CAST(hba1c AS DOUBLE) FROM {hba1c} ORDER BY 1, 2").Select(r => $"{r[0]}={r[1]}").ToList();
        Assert.Equal(["2025-04-01=6.9", "2025-04-01=6.9", "2025-07-01=6.2"], values);
        var partsAfter = _harness.Store.CurrentParts("dpp", "hba1c").Select(Path.GetFileName).ToList();
        Assert.Contains(partsBefore[1], partsAfter);
        Assert.DoesNotContain(partsBefore[0], partsAfter);
        Assert.Equal(3, partsAfter.Count);
    }

    [Fact]
    public async Task Resends_in_different_parser_threads_supersede_each_other()
    {
        var filler = Enumerable.Range(0, 100_000).Select(i => Rows.With(("participant_id", $"F{i % 1000}"), ("observation_time", new DateOnly(2025, 4, 1).AddDays(i / 1000).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + "000000")));
        var rows = new[] { Rows.With(("participant_id", "EDGE"), ("step", "1"), ("update_time", "20250402060000000")) }
            .Concat(filler)
            .Append(Rows.With(("participant_id", "EDGE"), ("step", "2"), ("update_time", "20250405060000000")))
            .ToArray();
        var path = _harness.Write("activity.csv", Rows.Csv(ExchangeFormat.Activity, Rows.Activity, rows));

        var result = await _harness.Importer.ImportAsync("dpp", path, new Gatekeeper.Ingest.Importing.IngestOptions { MaxParallelism = 2 });

        Assert.Equal(100_001, result.Record.PublishedRows);
        Assert.Equal(1, result.Record.SupersededRows);
        var p = await _harness.PseudonymiserAsync();
        Assert.Equal(2, _harness.Query($"SELECT step FROM {{activity}} WHERE participant_id = '{p.Person("EDGE")}'").Single()[0]);
    }

    public void Dispose() => _harness.Dispose();
}
