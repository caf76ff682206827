using DuckDB.NET.Data;
using Gatekeeper.Ingest.Consent;
using Gatekeeper.Ingest.Exchange;
using Gatekeeper.Ingest.Importing;
using Gatekeeper.Ingest.Storage;

namespace Gatekeeper.Ingest.Tests.Consent;

/// <summary>
/// The filter proven where it is applied: a small data set imported through the real importer, consent decisions
/// imported from a holder's CSV, and DuckDB views anti-joined with the excluded-persons Parquet.
/// </summary>
public sealed class ConsentViewTests : IDisposable
{
    private const string Header = "consortium_id,participant_id,consent_action_code,purpose_code,effective_date,update_time\n";
    private readonly IngestHarness _harness = new();

    [Fact]
    public async Task Views_exclude_opt_outs_refusals_and_withdrawals_in_force_at_run_time()
    {
        var people = new[] { "OPTOUT", "REFUSES-AI", "WITHDRAWS-LATE", "WITHDRAWS-EARLY", "OPTIN-AGAIN", "PLAIN" };
        var activity = people.SelectMany(p => new[] { "20250401000000", "20250402000000" }.Select(t => Rows.With(("participant_id", p), ("observation_time", t)))).ToArray();
        Assert.Equal(ImportOutcome.Committed, (await _harness.ImportAsync("activity.csv", Rows.Csv(ExchangeFormat.Activity, Rows.Activity, activity))).Outcome);
        Assert.Equal(ImportOutcome.Committed, (await _harness.ImportAsync("participants.csv", Rows.Csv(ExchangeFormat.Participants, Rows.Participants, [.. people.Select(p => Rows.With(("participant_id", p)))]))).Outcome);
        var consent = await _harness.ImportAsync("consent.csv", Header +
            "C01,OPTOUT,1,,20250501,20250430090000000\n" +
            "C01,REFUSES-AI,4,ai-training,20250401,20250331090000000\n" +
            "C01,WITHDRAWS-LATE,3,ai-training,20250401,20250331090000000\n" +
            "C01,WITHDRAWS-LATE,4,ai-training,20251201,20251130090000000\n" +
            "C01,WITHDRAWS-EARLY,3,ai-training,20250401,20250331090000000\n" +
            "C01,WITHDRAWS-EARLY,4,ai-training,20250901,20250831090000000\n" +
            "C01,OPTIN-AGAIN,1,,20250401,20250331090000000\n" +
            "C01,OPTIN-AGAIN,2,,20250801,20250731090000000\n");
        Assert.Equal(ImportOutcome.Committed, consent.Outcome);
        Assert.Equal(8, consent.Record.PublishedRows);

        var p = await _harness.PseudonymiserAsync();
        var runTime = new DateTimeOffset(2025, 10, 1, 10, 0, 0, JapanTime.Offset);

        var aiTraining = await VisiblePeopleAsync("ai-training", runTime);
        Assert.Equal(new[] { "OPTIN-AGAIN", "PLAIN", "WITHDRAWS-LATE" }.Select(p.Person).Order(), aiTraining.Order());

        var research = await VisiblePeopleAsync("scientific-research", runTime);
        Assert.Equal(new[] { "OPTIN-AGAIN", "PLAIN", "REFUSES-AI", "WITHDRAWS-EARLY", "WITHDRAWS-LATE" }.Select(p.Person).Order(), research.Order());

        var afterLateWithdrawal = await VisiblePeopleAsync("ai-training", new DateTimeOffset(2025, 12, 1, 0, 0, 0, JapanTime.Offset));
        Assert.DoesNotContain(p.Person("WITHDRAWS-LATE"), afterLateWithdrawal);

        var beforeOptOut = await VisiblePeopleAsync("scientific-research", new DateTimeOffset(2025, 4, 15, 0, 0, 0, JapanTime.Offset));
        Assert.Contains(p.Person("OPTOUT"), beforeOptOut);
        Assert.DoesNotContain(p.Person("OPTIN-AGAIN"), beforeOptOut);
    }

    [Fact]
    public async Task Consent_rows_with_unknown_purposes_or_misplaced_purposes_are_rejected()
    {
        var result = await _harness.ImportAsync("consent.csv", Header +
            "C01,A,4,weapons,20250401,20250331090000000\n" +
            "C01,B,1,ai-training,20250401,20250331090000000\n" +
            "C01,C,3,,20250401,20250331090000000\n" +
            "C01,D,5,,20250401,20250331090000000\n" +
            "C01,E,4,education,2025040,20250331090000000\n" +
            "C01,F,4,education,20250401,20250331090000000\n", new IngestOptions { MaxErrorRate = 1 });

        Assert.Equal(ImportOutcome.Committed, result.Outcome);
        Assert.Equal(5, result.Record.RejectedRows);
        Assert.Equal(["purpose", "purpose", "purpose", "code-list", "datetime"], result.Report!.Sample.Select(e => e.Rule));
        var stored = Assert.Single(await _harness.Consent.GetEventsAsync("dpp"));
        Assert.Equal((await _harness.PseudonymiserAsync()).Person("F"), stored.Pseudonym);
        Assert.Equal(new DateTime(2025, 4, 1), stored.EffectiveFrom);
    }

    [Fact]
    public async Task Registries_skip_decisions_already_recorded()
    {
        var events = new[] { new ConsentEvent { Pseudonym = "x", Action = ConsentAction.OptOut, EffectiveFrom = new DateTime(2025, 1, 1), UpdateTime = new DateTime(2025, 1, 1) } };
        foreach (var registry in new IConsentRegistry[] { new InMemoryConsentRegistry(), new FileConsentRegistry(_harness.Layout) })
        {
            Assert.Equal(1, await registry.AddAsync("dpp", events));
            Assert.Equal(0, await registry.AddAsync("dpp", events));
            Assert.Single(await registry.GetEventsAsync("dpp"));
        }
    }

    private async Task<List<string>> VisiblePeopleAsync(string purpose, DateTimeOffset runTime)
    {
        var excluded = Path.Combine(_harness.Root, $"excluded-{purpose}-{runTime.UtcTicks}.parquet");
        await ConsentViews.WriteExcludedPersonsAsync(_harness.Consent, "dpp", purpose, runTime, excluded);
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        foreach (var sql in ConsentViews.CreateViewsSql(_harness.Store, "dpp", excluded))
        {
            using var create = connection.CreateCommand();
            create.CommandText = sql;
            create.ExecuteNonQuery();
        }

        using var command = connection.CreateCommand();
        // Every table must agree: the person is in all of them or in none.
        command.CommandText = "SELECT DISTINCT participant_id FROM activity INTERSECT SELECT participant_id FROM participants";
        using var reader = command.ExecuteReader();
        var people = new List<string>();
        while (reader.Read()) people.Add(reader.GetString(0));
        using var counts = connection.CreateCommand();
        counts.CommandText = "SELECT (SELECT count(DISTINCT participant_id) FROM activity), (SELECT count(*) FROM participants)";
        using var countReader = counts.ExecuteReader();
        countReader.Read();
        Assert.Equal(people.Count, countReader.GetInt64(0));
        Assert.Equal(people.Count, countReader.GetInt64(1));
        return people;
    }

    public void Dispose() => _harness.Dispose();
}
