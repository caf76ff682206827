using Gatekeeper.Domain.Applications;
using Gatekeeper.Ingest.Consent;
using Gatekeeper.Ingest.Pseudonymisation;
using Gatekeeper.VisitingEnvironment.Runs;
using Microsoft.Data.Analysis;

namespace Gatekeeper.Enclave.Tests;

/// <summary>
/// Permit-scoped views through the sandboxed run path: only granted tables and variables, only persons whose consent
/// allows the permit's purpose at run time, identified by per-permit pseudonyms.
/// </summary>
[Collection(DemoDataCollection.Name)]
public sealed class ViewScopingTests(DemoDataFixture data) : IDisposable
{
    private readonly RunExecutor _executor = data.Executor();

    private async Task<DataFrame> RowsAsync(string query, string permit = "P-1", string purpose = "scientific-research", params RunTable[] tables)
    {
        var outcome = await _executor.ExecuteAsync(data.Spec(query, OutputTier.PseudonymisedMicrodata, permit: permit, purpose: purpose, tables: tables));
        Assert.True(outcome.Succeeded, outcome.Message);
        return Assert.Single(outcome.Tables).Data;
    }

    private async Task<HashSet<string>> ExpectedPersonsAsync(string purpose, DateTimeOffset at)
    {
        var excluded = ConsentFilter.ExcludedPersons(await data.Consent.GetEventsAsync(DemoDataFixture.Dataset), purpose, at);
        var pseudonymiser = await data.PseudonymiserAsync();
        var permit = await PermitPseudonymiser.CreateAsync(data.Keys, DemoDataFixture.Dataset, "P-1");
        return [.. Enumerable.Range(1, DemoDataFixture.Participants)
            .Select(i => pseudonymiser.Person($"DPP{i:D7}"))
            .Where(p => !excluded.Contains(p))
            .Select(permit.Derive)];
    }

    [Fact]
    public async Task A_view_has_exactly_the_granted_variables()
    {
        var frame = await RowsAsync("SELECT * FROM participants", tables: [new RunTable("participants", ["sex", "participant_id", "consortium_id"])]);
        Assert.Equal(["participant_id", "consortium_id", "sex"], frame.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task Tables_outside_the_permit_do_not_exist_in_the_run()
    {
        var outcome = await _executor.ExecuteAsync(data.Spec("SELECT count(*) FROM weight", tables: [new RunTable("participants", ["participant_id", "sex"])]));
        Assert.Equal(RunStatus.Refused, outcome.Status);
        Assert.Contains("The table 'weight' is not in the permit", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Persons_are_filtered_by_consent_for_the_permits_purpose_and_shown_under_permit_pseudonyms()
    {
        var frame = await RowsAsync("SELECT participant_id FROM participants");
        var seen = ((StringDataFrameColumn)frame.Columns["participant_id"]).ToHashSet();
        var expected = await ExpectedPersonsAsync("scientific-research", DateTimeOffset.UtcNow);
        Assert.True(expected.Count < DemoDataFixture.Participants, "the demo data should have someone left out");
        Assert.Equal(expected.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));

        // None is a dataset pseudonym, and another permit sees unrelated pseudonyms of the same persons.
        var pseudonymiser = await data.PseudonymiserAsync();
        var datasetPseudonyms = Enumerable.Range(1, DemoDataFixture.Participants).Select(i => pseudonymiser.Person($"DPP{i:D7}")).ToHashSet();
        Assert.DoesNotContain(seen, p => datasetPseudonyms.Contains(p!));
        var other = ((StringDataFrameColumn)(await RowsAsync("SELECT participant_id FROM participants", permit: "P-2")).Columns["participant_id"]).ToHashSet();
        Assert.Equal(seen.Count, other.Count);
        Assert.Empty(seen.Intersect(other));
    }

    [Fact]
    public async Task Every_table_applies_the_same_consent_filter()
    {
        var outcome = await _executor.ExecuteAsync(data.Spec("""
            SELECT (SELECT count(DISTINCT participant_id) FROM participants) AS participants,
                   (SELECT count(DISTINCT participant_id) FROM activity WHERE participant_id NOT IN (SELECT participant_id FROM participants)) AS strangers
            """, OutputTier.PseudonymisedMicrodata));
        Assert.True(outcome.Succeeded, outcome.Message);
        var frame = Assert.Single(outcome.Tables).Data;
        Assert.Equal(outcome.IncludedPersons, Convert.ToInt32(frame.Columns["participants"][0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0L, frame.Columns["strangers"][0]);
        Assert.True(outcome.ExcludedPersons > 0);
    }

    [Fact]
    public async Task A_withdrawal_takes_effect_for_every_later_run()
    {
        const string purpose = "education";
        var before = ((StringDataFrameColumn)(await RowsAsync("SELECT participant_id FROM participants", purpose: purpose)).Columns["participant_id"]).ToHashSet();
        var pseudonymiser = await data.PseudonymiserAsync();
        var permit = await PermitPseudonymiser.CreateAsync(data.Keys, DemoDataFixture.Dataset, "P-1");
        var person = Enumerable.Range(1, DemoDataFixture.Participants).Select(i => pseudonymiser.Person($"DPP{i:D7}")).First(p => before.Contains(permit.Derive(p)));
        var today = JapanTime.ToLocal(DateTimeOffset.UtcNow).Date;
        await data.Consent.AddAsync(DemoDataFixture.Dataset,
            [new ConsentEvent { Pseudonym = person, Action = ConsentAction.Refusal, PurposeCode = purpose, EffectiveFrom = today, UpdateTime = today, Source = "test" }]);

        var after = ((StringDataFrameColumn)(await RowsAsync("SELECT participant_id FROM participants", purpose: purpose)).Columns["participant_id"]).ToHashSet();
        Assert.DoesNotContain(permit.Derive(person), after);
        Assert.Equal(before.Count - 1, after.Count);
        var aggregate = await _executor.ExecuteAsync(data.Spec("SELECT count(*) AS n FROM activity WHERE participant_id IS NOT NULL", purpose: purpose) with { Tier = OutputTier.AggregateStatistics });
        Assert.True(aggregate.Succeeded, aggregate.Message);
        Assert.Equal(after.Count, Assert.Single(aggregate.Tables).Shadow!.Cells[0].Persons);
    }

    public void Dispose() => _executor.Dispose();
}
