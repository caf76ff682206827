using Gatekeeper.Audit;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Tests.Support;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Policies;
using Gatekeeper.Testing;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Tests.Suites;

/// <summary>The researcher's use cases end to end through <see cref="Applications.ApplicationService"/> and the real store.</summary>
public abstract class ApplicationServiceSuite<TFixture>(TFixture fixture) : StoreSuite<TFixture>(fixture)
    where TFixture : StoreFixture
{
    [Fact]
    public async Task A_new_draft_is_stored_with_a_human_reference_and_listed_for_its_applicant()
    {
        var draft = await DraftAsync(content: new ApplicationContent { Title = "Work in progress" });

        var stored = await StoredAsync(draft.Id);
        Assert.Equal(ApplicationStatus.Draft, stored.Status);
        Assert.Equal("Work in progress", stored.Title);
        Assert.Matches(@"^GK-\d{4}-[0-9A-HJKMNP-TV-Z]{6}$", stored.Reference);
        Assert.Equal(draft.ConcurrencyStamp, stored.ConcurrencyStamp);
        var listed = Assert.Single(await Service.ListMineAsync(TestActors.Sato, None), s => s.Id == draft.Id);
        Assert.Equal((stored.Reference, 1, ApplicationStatus.Draft), (listed.Reference, listed.Version, listed.Status));
    }

    [Fact]
    public async Task A_draft_over_a_limit_is_refused_and_nothing_is_stored()
    {
        await using var db = await Store.DbAsync();
        var before = await db.Applications.CountAsync();

        var result = await Service.CreateDraftAsync(TestActors.Sato, new ApplicationContent { Title = new string('x', ApplicationLimits.Title + 1) }, None);

        AssertRefused(result, "max-length");
        Assert.Equal(before, await db.Applications.CountAsync());
    }

    [Fact]
    public async Task Saving_a_draft_stores_the_new_content_and_a_new_stamp()
    {
        var draft = await DraftAsync(content: new ApplicationContent { Title = "First idea" });

        var saved = AssertSucceeded(await Service.SaveDraftAsync(TestActors.Sato, draft.Id, Complete(), draft.ConcurrencyStamp, None));

        var stored = await StoredAsync(draft.Id);
        Assert.Equal(Complete().Title, stored.Title);
        Assert.Equal(Complete().Datasets[0].Variables, stored.Datasets[0].Variables);
        Assert.Equal(Complete().Team, stored.Team);
        Assert.NotEqual(draft.ConcurrencyStamp, stored.ConcurrencyStamp);
        Assert.Equal(saved.ConcurrencyStamp, stored.ConcurrencyStamp);
    }

    [Fact]
    public async Task A_stale_edit_is_refused_and_the_stored_draft_keeps_the_other_change()
    {
        var draft = await DraftAsync();
        var tabOne = AssertSucceeded(await Service.SaveDraftAsync(TestActors.Sato, draft.Id, Complete() with { Title = "Saved in tab one" }, draft.ConcurrencyStamp, None));

        var tabTwo = await Service.SaveDraftAsync(TestActors.Sato, draft.Id, Complete() with { Title = "Saved in tab two" }, draft.ConcurrencyStamp, None);

        AssertRefused(tabTwo, "stale-edit");
        var stored = await StoredAsync(draft.Id);
        Assert.Equal("Saved in tab one", stored.Title);
        Assert.Equal(tabOne.ConcurrencyStamp, stored.ConcurrencyStamp);
    }

    [Fact]
    public async Task Two_simultaneous_saves_with_the_same_stamp_store_exactly_one_of_them()
    {
        var draft = await DraftAsync();

        var results = await Task.WhenAll(
            Task.Run(() => Service.SaveDraftAsync(TestActors.Sato, draft.Id, Complete() with { Title = "Autosave A" }, draft.ConcurrencyStamp, None)),
            Task.Run(() => Service.SaveDraftAsync(TestActors.Sato, draft.Id, Complete() with { Title = "Autosave B" }, draft.ConcurrencyStamp, None)));

        var winner = AssertSucceeded(Assert.Single(results, r => r.Succeeded));
        AssertRefused(Assert.Single(results, r => !r.Succeeded), "stale-edit");
        var stored = await StoredAsync(draft.Id);
        Assert.Equal(winner.Title, stored.Title);
        Assert.Equal(winner.ConcurrencyStamp, stored.ConcurrencyStamp);
    }

    [Fact]
    public async Task Submitting_stores_the_submission_its_policy_hash_and_its_history()
    {
        var draft = await DraftAsync();
        Store.Time.Advance(TimeSpan.FromMinutes(30));

        AssertSucceeded(await Service.SubmitAsync(TestActors.Sato, draft.Id, draft.ConcurrencyStamp, None));

        var stored = await StoredAsync(draft.Id);
        Assert.Equal(ApplicationStatus.Submitted, stored.Status);
        Assert.Equal(Store.Time.GetUtcNow(), stored.SubmittedAt);
        Assert.Equal(Store.Get<PurposePolicy>().Sha256, stored.PolicySha256);
        Assert.Equal(
            new (ApplicationStatus?, ApplicationStatus, string)[] { (null, ApplicationStatus.Draft, "researcher-sato"), (ApplicationStatus.Draft, ApplicationStatus.Submitted, "researcher-sato") },
            stored.History.OrderBy(h => h.At).Select(h => (h.From, h.To, h.ActorId)));
    }

    [Fact]
    public async Task An_incomplete_draft_is_not_submitted_and_stays_as_it_was()
    {
        var draft = await DraftAsync(content: Complete() with { Safeguards = "" });

        var result = await Service.SubmitAsync(TestActors.Sato, draft.Id, draft.ConcurrencyStamp, None);

        AssertRefused(result, "required");
        var stored = await StoredAsync(draft.Id);
        Assert.Equal(ApplicationStatus.Draft, stored.Status);
        Assert.Equal(draft.ConcurrencyStamp, stored.ConcurrencyStamp);
        Assert.Single(stored.History);
    }

    [Fact]
    public async Task A_second_submit_is_refused_as_already_submitted()
    {
        var draft = await DraftAsync();
        var submitted = AssertSucceeded(await Service.SubmitAsync(TestActors.Sato, draft.Id, draft.ConcurrencyStamp, None));

        AssertRefused(await Service.SubmitAsync(TestActors.Sato, draft.Id, draft.ConcurrencyStamp, None), "already-submitted");
        AssertRefused(await Service.SubmitAsync(TestActors.Sato, draft.Id, submitted.ConcurrencyStamp, None), "already-submitted");

        var stored = await StoredAsync(draft.Id);
        Assert.Single(stored.History, h => h.To == ApplicationStatus.Submitted);
    }

    [Fact]
    public async Task Two_simultaneous_submits_with_the_same_stamp_submit_exactly_once()
    {
        for (var round = 0; round < 3; round++)
        {
            var draft = await DraftAsync();

            var results = await Task.WhenAll(
                Task.Run(() => Service.SubmitAsync(TestActors.Sato, draft.Id, draft.ConcurrencyStamp, None)),
                Task.Run(() => Service.SubmitAsync(TestActors.Sato, draft.Id, draft.ConcurrencyStamp, None)));

            Assert.Single(results, r => r.Succeeded);
            var loser = Assert.Single(results, r => !r.Succeeded);
            Assert.Contains(Assert.Single(loser.Errors).Rule, new[] { "stale-edit", "already-submitted" });
            var stored = await StoredAsync(draft.Id);
            Assert.Equal(ApplicationStatus.Submitted, stored.Status);
            Assert.Single(stored.History, h => h.To == ApplicationStatus.Submitted);
            await using var db = await Store.DbAsync();
            Assert.Equal(1, await db.Set<AuditEntryRow>().CountAsync(e =>
                e.Action == "application.submitted" && e.SubjectId == draft.Id.ToString() && e.Outcome == AuditOutcome.Succeeded));
        }
    }

    [Fact]
    public async Task A_submitted_application_can_be_withdrawn_with_a_reason_that_is_stored()
    {
        var app = await SubmittedAsync();

        AssertSucceeded(await Service.WithdrawAsync(TestActors.Sato, app.Id, "The cohort was too small.", app.ConcurrencyStamp, None));

        var stored = await StoredAsync(app.Id);
        Assert.Equal(ApplicationStatus.Withdrawn, stored.Status);
        Assert.Contains(stored.History, h => h.From == ApplicationStatus.Submitted && h.To == ApplicationStatus.Withdrawn
                                             && h.Reason == "The cohort was too small." && h.ActorId == TestActors.Sato.UserId);
    }

    [Fact]
    public async Task A_revision_is_a_new_draft_version_of_the_same_reference_and_lineage()
    {
        var v1 = await SubmittedAsync();

        var v2 = AssertSucceeded(await Service.CreateRevisionAsync(TestActors.Sato, v1.Id, None));

        var stored = await StoredAsync(v2.Id);
        Assert.Equal((2, v1.Reference, v1.LineageId, (Guid?)v1.Id, ApplicationStatus.Draft),
            (stored.Version, stored.Reference, stored.LineageId, stored.PreviousVersionId, stored.Status));
        Assert.Equal(v1.Title, stored.Title);
        Assert.Equal(ApplicationStatus.Submitted, (await StoredAsync(v1.Id)).Status);
    }

    [Fact]
    public async Task Only_one_draft_revision_may_be_open_at_a_time()
    {
        var v1 = await SubmittedAsync();
        var v2 = AssertSucceeded(await Service.CreateRevisionAsync(TestActors.Sato, v1.Id, None));

        var again = await Service.CreateRevisionAsync(TestActors.Sato, v1.Id, None);

        AssertRefused(again, "draft-exists");
        Assert.Equal(v2.Id.ToString(), again.Errors[0].Args["draftId"]);
        Assert.Equal(2, (await Service.VersionsAsync(TestActors.Sato, v1.LineageId, None)).Count);
    }

    [Fact]
    public async Task Two_simultaneous_revision_requests_create_exactly_one_revision()
    {
        var v1 = await SubmittedAsync();

        var results = await Task.WhenAll(
            Task.Run(() => Service.CreateRevisionAsync(TestActors.Sato, v1.Id, None)),
            Task.Run(() => Service.CreateRevisionAsync(TestActors.Sato, v1.Id, None)));

        Assert.Single(results, r => r.Succeeded);
        Assert.Single(results, r => !r.Succeeded);
        Assert.Equal(new[] { 1, 2 }, (await Service.VersionsAsync(TestActors.Sato, v1.LineageId, None)).Select(v => v.Version));
    }

    [Fact]
    public async Task Submitting_a_revision_supersedes_the_previous_version_in_the_same_transaction()
    {
        var v1 = await SubmittedAsync();
        var v2 = AssertSucceeded(await Service.CreateRevisionAsync(TestActors.Sato, v1.Id, None));
        v2 = AssertSucceeded(await Service.SaveDraftAsync(TestActors.Sato, v2.Id, Complete() with { Title = "Revised after screening" }, v2.ConcurrencyStamp, None));

        AssertSucceeded(await Service.SubmitAsync(TestActors.Sato, v2.Id, v2.ConcurrencyStamp, None));

        var versions = await Service.VersionsAsync(TestActors.Sato, v1.LineageId, None);
        Assert.Equal(
            new[] { (1, ApplicationStatus.Superseded), (2, ApplicationStatus.Submitted) },
            versions.Select(v => (v.Version, v.Status)));
        var old = await StoredAsync(v1.Id);
        Assert.Equal(v1.Title, old.Title);
        Assert.Contains(old.History, h => h.From == ApplicationStatus.Submitted && h.To == ApplicationStatus.Superseded && h.Reason == "Superseded by version 2");
    }

    [Fact]
    public async Task A_revision_whose_previous_version_cannot_be_superseded_is_not_submitted_either()
    {
        var v1 = await SubmittedAsync();
        var v2 = AssertSucceeded(await Service.CreateRevisionAsync(TestActors.Sato, v1.Id, None));
        AssertSucceeded(await Service.WithdrawAsync(TestActors.Sato, v1.Id, "Replaced by a new application.", v1.ConcurrencyStamp, None));

        var result = await Service.SubmitAsync(TestActors.Sato, v2.Id, v2.ConcurrencyStamp, None);

        AssertRefused(result, "invalid-transition");
        var stored = await StoredAsync(v2.Id);
        Assert.Equal(ApplicationStatus.Draft, stored.Status);
        Assert.Equal(v2.ConcurrencyStamp, stored.ConcurrencyStamp);
        Assert.Null(stored.SubmittedAt);
        Assert.DoesNotContain(stored.History, h => h.To == ApplicationStatus.Submitted);
        Assert.Equal(ApplicationStatus.Withdrawn, (await StoredAsync(v1.Id)).Status);
    }
}
