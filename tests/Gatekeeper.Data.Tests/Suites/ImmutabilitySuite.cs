using Gatekeeper.Data.Tests.Support;
using Gatekeeper.Domain.Applications;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Tests.Suites;

/// <summary>
/// Defence in depth: whatever code path tries, the store context refuses to write a submitted
/// version's content, team or attachments, and refuses to delete it.
/// </summary>
public abstract class ImmutabilitySuite<TFixture>(TFixture fixture) : StoreSuite<TFixture>(fixture)
    where TFixture : StoreFixture
{
    [Fact]
    public async Task A_direct_update_of_a_submitted_title_throws_and_changes_nothing()
    {
        var app = await SubmittedAsync();

        await using (var db = await Store.DbAsync())
        {
            var tracked = await db.Applications.SingleAsync(a => a.Id == app.Id);
            db.Entry(tracked).Property(a => a.Title).CurrentValue = "Quietly changed";

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Contains("immutable", error.Message, StringComparison.Ordinal);
            Assert.Contains(nameof(SecondaryUseApplication.Title), error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(app.Title, (await StoredAsync(app.Id)).Title);
    }

    [Fact]
    public async Task A_direct_change_to_a_submitted_datasets_list_throws()
    {
        var app = await SubmittedAsync();

        await using (var db = await Store.DbAsync())
        {
            var tracked = await db.Applications.SingleAsync(a => a.Id == app.Id);
            tracked.Datasets[0].Variables.Add(new VariableRequest { Table = "participants", Name = "participant_id", Justification = "Sneaked in afterwards." });

            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        Assert.Equal(app.Datasets[0].Variables, (await StoredAsync(app.Id)).Datasets[0].Variables);
    }

    [Fact]
    public async Task Adding_a_team_member_to_a_submitted_application_throws()
    {
        var app = await SubmittedAsync();

        await using (var db = await Store.DbAsync())
        {
            var tracked = await db.Applications.SingleAsync(a => a.Id == app.Id);
            tracked.Team.Add(new TeamMember { Name = "Late addition", Email = "late@kenko-ventures.example", Organisation = "Kenko" });

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Contains("team is immutable", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(app.Team, (await StoredAsync(app.Id)).Team);
    }

    [Fact]
    public async Task Deleting_a_submitted_application_throws()
    {
        var app = await SubmittedAsync();

        await using (var db = await Store.DbAsync())
        {
            db.Applications.Remove(await db.Applications.SingleAsync(a => a.Id == app.Id));

            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        Assert.Equal(ApplicationStatus.Submitted, (await StoredAsync(app.Id)).Status);
    }

    [Fact]
    public async Task Changing_a_stored_attachment_throws()
    {
        var draft = await DraftAsync();
        await using (var pdf = new MemoryStream(Testing.SampleContent.Pdf()))
            AssertSucceeded(await Service.AddAttachmentAsync(Testing.TestActors.Sato, draft.Id, "protocol", "protocol.pdf", "application/pdf", pdf, draft.ConcurrencyStamp, None));

        await using (var db = await Store.DbAsync())
        {
            var attachment = await db.Attachments.SingleAsync(a => a.ApplicationId == draft.Id);
            db.Entry(attachment).Property(a => a.Sha256).CurrentValue = new string('0', 64);

            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        Assert.NotEqual(new string('0', 64), Assert.Single((await StoredAsync(draft.Id)).Attachments).Sha256);
    }

    [Fact]
    public async Task Lifecycle_changes_of_a_submitted_application_are_still_written()
    {
        var app = await SubmittedAsync();

        AssertSucceeded(await Service.WithdrawAsync(Testing.TestActors.Sato, app.Id, "No longer needed.", app.ConcurrencyStamp, None));

        Assert.Equal(ApplicationStatus.Withdrawn, (await StoredAsync(app.Id)).Status);
    }

    [Fact]
    public async Task A_draft_can_still_be_changed_directly()
    {
        var draft = await DraftAsync();

        await using (var db = await Store.DbAsync())
        {
            var tracked = await db.Applications.SingleAsync(a => a.Id == draft.Id);
            Assert.True(tracked.UpdateDraft(Testing.TestActors.Sato, tracked.Content with { Title = "Edited draft" }, tracked.ConcurrencyStamp, Store.Time.GetUtcNow()).Succeeded);
            await db.SaveChangesAsync();
        }

        Assert.Equal("Edited draft", (await StoredAsync(draft.Id)).Title);
    }
}
