using System.Text.Json;
using Gatekeeper.Audit;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Catalogue;
using Gatekeeper.Data.Consent;
using Gatekeeper.Data.Ingest;
using Gatekeeper.Data.Tests.Support;
using Gatekeeper.Ingest.Consent;
using Gatekeeper.Ingest.Importing;
using Gatekeeper.Ingest.Pseudonymisation;
using Gatekeeper.Ingest.Storage;
using Gatekeeper.Testing;
using Gatekeeper.Testing.Onboarding;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Tests.Onboarding;

/// <summary>
/// Data onboarding on the store, on every provider: the stewards' consent service (validation, roles, audit without
/// identifiers, overview), append-only history, and the importer writing its history, audit entries, consent
/// decisions and catalogue entries into the store.
/// </summary>
public abstract class OnboardingStoreSuite<TFixture>(TFixture fixture) : StoreSuite<TFixture>(fixture)
    where TFixture : StoreFixture
{
    private const string Dataset = "dpp";

    private ConsentService Consent => Store.Get<ConsentService>();

    [Fact]
    public async Task A_steward_records_a_decision_by_participant_id_which_is_pseudonymised_and_never_audited()
    {
        var participant = "HOLDER-" + Guid.NewGuid().ToString("N")[..10];
        var recorded = AssertSucceeded(await Consent.RecordAsync(TestActors.Steward, Dataset,
            new NewConsentEvent { ParticipantId = participant, Action = ConsentAction.OptOut, EffectiveFrom = new DateOnly(2026, 11, 1) }, None));

        var expected = (await Pseudonymiser.CreateAsync(Store.Get<IKeyProvider>(), Dataset)).Person(participant);
        Assert.Equal(expected, recorded.Pseudonym);
        Assert.Equal("api:" + TestActors.Steward.UserId, recorded.Source);
        Assert.Contains(expected, await Store.Get<IConsentRegistry>().GetExcludedPersonsAsync(Dataset, "education", Store.Time.GetUtcNow()));
        Assert.DoesNotContain(expected, await Store.Get<IConsentRegistry>().GetExcludedPersonsAsync(Dataset, "education", new DateTimeOffset(2026, 10, 31, 12, 0, 0, TimeSpan.FromHours(9))));

        await using var db = await Store.DbAsync();
        var entry = await db.Set<AuditEntryRow>().OrderByDescending(e => e.Sequence).FirstAsync(e => e.Action == AuditActions.ConsentChanged);
        Assert.Equal(TestActors.Steward.UserId, entry.ActorId);
        Assert.Equal(Dataset, entry.SubjectIds[0]);
        Assert.Equal("opt-out", entry.Details![AuditDetailKeys.Decision]);
        Assert.Equal(64, entry.Details[AuditDetailKeys.Sha256].Length);
        var text = JsonSerializer.Serialize(entry);
        Assert.DoesNotContain(participant, text, StringComparison.Ordinal);
        Assert.DoesNotContain(expected, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, ConsentAction.OptOut, null, "participantId", "one-of")]
    [InlineData("P1", "0123456789abcdef0123456789abcdef", ConsentAction.OptOut, null, "participantId", "one-of")]
    [InlineData(null, "not-a-pseudonym", ConsentAction.OptOut, null, "pseudonym", "format")]
    [InlineData("P1", null, ConsentAction.Refusal, null, "purposeCode", "required")]
    [InlineData("P1", null, ConsentAction.Consent, "astrology", "purposeCode", "purpose")]
    [InlineData("P1", null, ConsentAction.OptOut, "education", "purposeCode", "purpose")]
    [InlineData("P1", null, null, null, "action", "required")]
    public async Task A_bad_decision_is_refused_naming_field_and_rule_and_nothing_is_stored(
        string? participant, string? pseudonym, ConsentAction? action, string? purpose, string field, string rule)
    {
        await using var before = await Store.DbAsync();
        var count = await before.ConsentEvents.CountAsync();
        var result = await Consent.RecordAsync(TestActors.Steward, Dataset,
            new NewConsentEvent { ParticipantId = participant, Pseudonym = pseudonym, Action = action, PurposeCode = purpose, EffectiveFrom = new DateOnly(2026, 1, 1) }, None);

        AssertRefused(result, rule);
        Assert.Contains(result.Errors, e => e.Field == field && e.Rule == rule);
        await using var after = await Store.DbAsync();
        Assert.Equal(count, await after.ConsentEvents.CountAsync());
    }

    [Fact]
    public async Task Only_data_stewards_may_and_only_for_datasets_in_the_catalogue()
    {
        var input = new NewConsentEvent { ParticipantId = "P1", Action = ConsentAction.OptOut, EffectiveFrom = new DateOnly(2026, 1, 1) };
        AssertRefused(await Consent.RecordAsync(TestActors.Sato, Dataset, input, None), "role-required");
        AssertRefused(await Consent.OverviewAsync(TestActors.Chair, Dataset, None), "role-required");
        AssertRefused(await Consent.RecordAsync(TestActors.Steward, "no-such-dataset", input, None), ConsentService.NotFoundRule);
        AssertRefused(await Consent.RecordAsync(TestActors.Steward, Dataset, input with { EffectiveFrom = null }, None), "required");
    }

    [Fact]
    public async Task The_overview_counts_decisions_in_force_per_purpose_and_lists_the_latest()
    {
        // A dataset of its own (the catalogue entry is all the service checks), so other tests' decisions do not count.
        var dataset = "ov" + Guid.NewGuid().ToString("N")[..8];
        await using (var db = await Store.DbAsync())
        {
            db.Datasets.Add(new Domain.Catalogue.Dataset { Id = dataset, Name = "Overview test", Description = "-", Holder = "-", UnitIdVariable = "participant_id" });
            await db.SaveChangesAsync();
        }

        var registry = Store.Get<EfConsentRegistry>();
        var day = new DateTime(2026, 1, 1);
        await registry.AddAsync(dataset, [
            Event("a", ConsentAction.OptOut, null, day), Event("b", ConsentAction.OptOut, null, day), Event("b", ConsentAction.OptOutWithdrawn, null, day.AddDays(10)),
            Event("c", ConsentAction.Refusal, "ai-training", day), Event("d", ConsentAction.Refusal, "ai-training", day),
            Event("e", ConsentAction.Consent, "ai-training", day), Event("e", ConsentAction.Refusal, "education", day),
            Event("f", ConsentAction.Consent, "education", day), Event("f", ConsentAction.Refusal, "education", day.AddDays(1)),
            // Not yet in force at the store's clock (2026-11-23): not counted.
            Event("g", ConsentAction.OptOut, null, new DateTime(2027, 1, 1)),
        ]);

        var overview = AssertSucceeded(await Consent.OverviewAsync(TestActors.Steward, dataset, None));
        Assert.Equal(1, overview.OptedOut);
        Assert.Equal(7, overview.Persons);
        Assert.Equal(10, overview.Events);
        var ai = Assert.Single(overview.Purposes, p => p.PurposeCode == "ai-training");
        Assert.Equal((2, 1), (ai.Refusing, ai.Consenting));
        var education = Assert.Single(overview.Purposes, p => p.PurposeCode == "education");
        Assert.Equal((2, 0), (education.Refusing, education.Consenting));
        Assert.Equal(10, overview.Recent.Count);
        Assert.Equal("g", overview.Recent[0].Pseudonym);

        var history = AssertSucceeded(await Consent.HistoryAsync(TestActors.Steward, dataset, new string('a', 32), None));
        Assert.Empty(history);
        AssertRefused(await Consent.HistoryAsync(TestActors.Steward, dataset, "b", None), "format");
    }

    [Fact]
    public async Task Consent_decisions_and_import_history_are_append_only()
    {
        await Store.Get<EfConsentRegistry>().AddAsync("appendonly", [Event("x", ConsentAction.OptOut, null, new DateTime(2026, 1, 1))]);
        await using var db = await Store.DbAsync();
        var row = await db.ConsentEvents.FirstAsync(e => e.DatasetId == "appendonly");
        row.Action = (int)ConsentAction.OptOutWithdrawn;
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.ConsentEvents.Remove(await db.ConsentEvents.FirstAsync(e => e.DatasetId == "appendonly"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Imports_write_history_audit_consent_and_catalogue_to_the_store_and_repeat_as_no_ops()
    {
        var importer = Store.Get<ExchangeImporter>();
        var folder = Path.Combine(Store.DataFolder, "holder-" + Guid.NewGuid().ToString("N")[..6]);
        var participants = HolderFiles.Write(folder, "participants.csv", HolderFiles.Participants(40, bad: 0));
        var consent = HolderFiles.Write(folder, "consent.csv", HolderFiles.Consent());
        var steward = new AuditActor(TestActors.Steward.UserId, Domain.Common.Roles.DataSteward, TestActors.Steward.OrganisationId);

        ImportResult first, again, consentResult;
        using (IngestActor.Begin(steward))
        {
            first = await importer.ImportAsync(Dataset, participants, new IngestOptions { ImportedBy = steward.Id, ExpectedTable = "participants" });
            again = await importer.ImportAsync(Dataset, participants, new IngestOptions { ImportedBy = steward.Id });
            consentResult = await importer.ImportAsync(Dataset, consent, new IngestOptions { ImportedBy = steward.Id, ExpectedTable = "consent" });
        }

        Assert.Equal(ImportOutcome.Committed, first.Outcome);
        Assert.Equal(ImportOutcome.AlreadyImported, again.Outcome);
        Assert.Equal(ImportOutcome.Committed, consentResult.Outcome);
        var log = Store.Get<EfImportLog>();
        var mineIds = new[] { first.Record.ImportId, again.Record.ImportId, consentResult.Record.ImportId };
        var history = (await log.RecentAsync(Dataset, 50)).Where(r => mineIds.Contains(r.ImportId)).ToList();
        // Newest first (same clock reading here: the time-ordered import id decides).
        Assert.Equal(mineIds.Reverse(), history.Select(r => r.ImportId));
        Assert.Equal([ImportOutcome.Committed, ImportOutcome.AlreadyImported, ImportOutcome.Committed], history.AsEnumerable().Reverse().Select(r => r.Outcome));
        Assert.All(history, r => Assert.Equal(steward.Id, r.ImportedBy));
        Assert.Equal(first.Record.ImportId, (await log.FindCommittedAsync(Dataset, first.Record.Sha256))?.ImportId);

        await using (var db = await Store.DbAsync())
        {
            var imported = await db.Set<AuditEntryRow>().Where(e => e.Action == AuditActions.DatasetImported).OrderBy(e => e.Sequence).ToListAsync();
            var mine = imported.Where(e => e.SubjectIds.Contains(first.Record.ImportId)).ToList();
            var entry = Assert.Single(mine);
            Assert.Equal(first.Record.Sha256, entry.Details![AuditDetailKeys.Sha256]);
            Assert.Equal("participants", entry.Details[AuditDetailKeys.Table]);
            Assert.Equal(steward.Id, entry.ActorId);
            Assert.DoesNotContain("DPP0000001", JsonSerializer.Serialize(imported), StringComparison.Ordinal);
            var consentEntry = await db.Set<AuditEntryRow>().Where(e => e.Action == AuditActions.ConsentChanged).OrderByDescending(e => e.Sequence).FirstAsync();
            Assert.Equal(consentResult.Record.ImportId, consentEntry.SubjectIds[1]);
            Assert.Equal("3", consentEntry.Details![AuditDetailKeys.Rows]);
        }

        var pseudonyms = await Pseudonymiser.CreateAsync(Store.Get<IKeyProvider>(), Dataset);
        var excluded = await Store.Get<IConsentRegistry>().GetExcludedPersonsAsync(Dataset, "ai-training", new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Contains(pseudonyms.Person("DPP0000001"), excluded);
        Assert.Contains(pseudonyms.Person("DPP0000002"), excluded);
        Assert.DoesNotContain(pseudonyms.Person("DPP0000003"), excluded);

        Assert.Equal(1, await Store.Get<CatalogueTableSync>().SyncAsync(Dataset));
        var table = Assert.Single(await Store.Get<CatalogueService>().PublishedTablesAsync(Dataset, None));
        Assert.Equal(("participants", 40L), (table.Table, table.RowCount));
        Assert.True(table.VariableCount > 5);
        Assert.Equal(40L, (await Store.Get<CatalogueService>().PublishedRowsAsync(None))[Dataset]);
    }

    [Fact]
    public async Task A_file_of_another_kind_than_declared_is_refused_whole()
    {
        var path = HolderFiles.Write(Path.Combine(Store.DataFolder, "kind"), "weight.csv", HolderFiles.Participants(3));
        var result = await Store.Get<ExchangeImporter>().ImportAsync(Dataset, path, new IngestOptions { ExpectedTable = "weight" });
        Assert.Equal(ImportOutcome.Refused, result.Outcome);
        Assert.Equal("header", Assert.Single(result.Report!.Sample).Rule);
        Assert.Contains("participants", result.Record.Message, StringComparison.Ordinal);
    }

    private static ConsentEvent Event(string who, ConsentAction action, string? purpose, DateTime from) =>
        new() { Pseudonym = who, Action = action, PurposeCode = purpose, EffectiveFrom = from, UpdateTime = from.AddHours(-1), Source = "import:test" };
}

public sealed class SqliteOnboardingStoreTests(SqliteStoreFixture fixture) : OnboardingStoreSuite<SqliteStoreFixture>(fixture);

public sealed class PostgresOnboardingStoreTests(PostgresStoreFixture fixture) : OnboardingStoreSuite<PostgresStoreFixture>(fixture);
