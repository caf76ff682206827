using Gatekeeper.Data.Tests.Support;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Common;
using Gatekeeper.Testing;

namespace Gatekeeper.Data.Tests.Suites;

/// <summary>
/// Access is decided in the query: a researcher sees and changes only their own applications (or
/// those naming them in the team); anything else is "not found", never "forbidden".
/// </summary>
public abstract class VisibilitySuite<TFixture>(TFixture fixture) : StoreSuite<TFixture>(fixture)
    where TFixture : StoreFixture
{
    private static Actor Outsider => TestActors.Tanaka;

    [Fact]
    public async Task Another_researcher_cannot_get_or_list_an_application()
    {
        var draft = await DraftAsync();

        Assert.Null(await Service.GetAsync(Outsider, draft.Id, None));
        Assert.DoesNotContain(await Service.ListMineAsync(Outsider, None), s => s.Id == draft.Id);
        Assert.Empty(await Service.VersionsAsync(Outsider, draft.LineageId, None));
    }

    [Fact]
    public async Task Another_researcher_cannot_change_an_application_and_it_stays_as_it_was()
    {
        var draft = await DraftAsync();

        AssertRefused(await Service.SaveDraftAsync(Outsider, draft.Id, Complete() with { Title = "Hijacked" }, draft.ConcurrencyStamp, None), "not-found");
        AssertRefused(await Service.SubmitAsync(Outsider, draft.Id, draft.ConcurrencyStamp, None), "not-found");
        AssertRefused(await Service.WithdrawAsync(Outsider, draft.Id, "Not mine", draft.ConcurrencyStamp, None), "not-found");

        var stored = await StoredAsync(draft.Id);
        Assert.Equal(draft.Title, stored.Title);
        Assert.Equal(ApplicationStatus.Draft, stored.Status);
        Assert.Equal(draft.ConcurrencyStamp, stored.ConcurrencyStamp);
    }

    [Fact]
    public async Task Another_researcher_cannot_revise_a_submitted_application()
    {
        var app = await SubmittedAsync();

        AssertRefused(await Service.CreateRevisionAsync(Outsider, app.Id, None), "not-found");
        Assert.Single(await Service.VersionsAsync(TestActors.Sato, app.LineageId, None));
    }

    [Fact]
    public async Task Another_researcher_cannot_open_an_attachment()
    {
        var draft = await DraftAsync();
        await using (var pdf = new MemoryStream(SampleContent.Pdf("visibility")))
            draft = AssertSucceeded(await Service.AddAttachmentAsync(TestActors.Sato, draft.Id, "protocol", "protocol.pdf", "application/pdf", pdf, draft.ConcurrencyStamp, None));

        Assert.Null(await Service.OpenAttachmentAsync(Outsider, draft.Id, draft.Attachments[0].Id, None));
    }

    [Fact]
    public async Task A_team_member_named_by_email_can_see_the_application()
    {
        var draft = await DraftAsync(content: Complete(TestActors.Sato, Outsider.Email));

        Assert.NotNull(await Service.GetAsync(Outsider, draft.Id, None));
        Assert.Contains(await Service.ListMineAsync(Outsider, None), s => s.Id == draft.Id);
    }

    [Fact]
    public async Task Team_membership_is_matched_whatever_the_case_of_the_email_address()
    {
        var draft = await DraftAsync(content: Complete(TestActors.Sato, Outsider.Email.ToUpperInvariant()));
        var sameOutsider = Outsider with { Email = "  " + Outsider.Email.ToUpperInvariant() };

        Assert.NotNull(await Service.GetAsync(sameOutsider, draft.Id, None));
        Assert.Contains(await Service.ListMineAsync(sameOutsider, None), s => s.Id == draft.Id);
    }

    [Fact]
    public async Task A_team_member_can_see_but_not_change_the_application()
    {
        var draft = await DraftAsync(content: Complete(TestActors.Sato, Outsider.Email));

        AssertRefused(await Service.SaveDraftAsync(Outsider, draft.Id, Complete() with { Title = "Edited by a team member" }, draft.ConcurrencyStamp, None), "not-applicant");
        AssertRefused(await Service.SubmitAsync(Outsider, draft.Id, draft.ConcurrencyStamp, None), "not-applicant");

        Assert.Equal(draft.Title, (await StoredAsync(draft.Id)).Title);
    }

    [Fact]
    public async Task Review_staff_see_submitted_applications_but_not_drafts()
    {
        var draft = await DraftAsync();
        var submitted = await SubmittedAsync();

        Assert.Null(await Service.GetAsync(TestActors.Steward, draft.Id, None));
        Assert.NotNull(await Service.GetAsync(TestActors.Steward, submitted.Id, None));
        Assert.NotNull(await Service.GetAsync(TestActors.Chair, submitted.Id, None));
    }

    [Fact]
    public async Task Review_staff_cannot_change_a_submitted_application()
    {
        var submitted = await SubmittedAsync();

        AssertRefused(await Service.WithdrawAsync(TestActors.Steward, submitted.Id, "Withdrawn by staff", submitted.ConcurrencyStamp, None), "not-applicant");

        Assert.Equal(ApplicationStatus.Submitted, (await StoredAsync(submitted.Id)).Status);
    }
}
