using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Tests.Support;
using Gatekeeper.Testing;

namespace Gatekeeper.Domain.Tests.Applications;

/// <summary>A draft is version 1 of a new lineage, and only its applicant can change it, with a current stamp.</summary>
public sealed class DraftLifecycleTests
{
    [Fact]
    public void A_new_draft_is_version_one_of_its_own_lineage_owned_by_the_applicant()
    {
        var draft = Drafts.Start();

        Assert.Equal(ApplicationStatus.Draft, draft.Status);
        Assert.Equal(1, draft.Version);
        Assert.Equal(draft.Id, draft.LineageId);
        Assert.Null(draft.PreviousVersionId);
        Assert.Equal("GK-2026-TEST01", draft.Reference);
        Assert.Equal(TestActors.Sato.UserId, draft.ApplicantId);
        Assert.Equal(TestActors.Sato.OrganisationId, draft.OrganisationId);
        Assert.Equal(World.Now, draft.CreatedAt);
        Assert.Null(draft.SubmittedAt);
        Assert.True(draft.IsEditable);
        Assert.NotEqual(Guid.Empty, draft.ConcurrencyStamp);
    }

    [Fact]
    public void A_new_draft_records_its_creation_in_the_history()
    {
        var draft = Drafts.Start();

        var created = Assert.Single(draft.History);
        Assert.Null(created.From);
        Assert.Equal(ApplicationStatus.Draft, created.To);
        Assert.Equal(TestActors.Sato.UserId, created.ActorId);
        Assert.Equal(TestActors.Sato.DisplayName, created.ActorName);
        Assert.Equal(World.Now, created.At);
        Assert.Equal(draft.Id, created.ApplicationId);
    }

    [Fact]
    public void Saved_text_is_trimmed_and_team_emails_are_stored_in_lower_case()
    {
        var content = Drafts.Complete() with
        {
            Title = "  Steps and HbA1c  ",
            PurposeCategory = " public-interest ",
            EthicsApprovalReference = "   ",
        };

        var draft = Drafts.Start(content.WithFirstMember(m => m with { Name = " Hanako Sato ", Email = " Sato@U-Tokyo-Hosp.Example " }));

        Assert.Equal("Steps and HbA1c", draft.Title);
        Assert.Equal("public-interest", draft.PurposeCategory);
        Assert.Null(draft.EthicsApprovalReference);
        Assert.Equal("Hanako Sato", draft.Team[0].Name);
        Assert.Equal("sato@u-tokyo-hosp.example", draft.Team[0].Email);
    }

    [Fact]
    public void The_applicant_can_update_a_draft_and_the_stamp_changes()
    {
        var draft = Drafts.Start(new Domain.Applications.ApplicationContent { Title = "First idea" });
        var stamp = draft.ConcurrencyStamp;

        var result = draft.UpdateDraft(TestActors.Sato, Drafts.Complete(), stamp, World.Now.AddMinutes(5));

        ExpectErrors.Succeeded(result);
        Assert.Equal(Drafts.Complete().Title, draft.Title);
        Assert.Equal(3, draft.Datasets[0].Variables.Count);
        Assert.NotEqual(stamp, draft.ConcurrencyStamp);
        Assert.Equal(World.Now.AddMinutes(5), draft.UpdatedAt);
        Assert.Single(draft.History);
    }

    [Fact]
    public void Content_read_from_a_draft_is_a_copy_that_cannot_change_it()
    {
        var draft = Drafts.Start();

        var content = draft.Content;
        content.Team.Clear();
        content.Datasets[0].Variables.Clear();

        Assert.Equal(2, draft.Team.Count);
        Assert.Equal(3, draft.Datasets[0].Variables.Count);
    }

    [Fact]
    public void Someone_other_than_the_applicant_cannot_update_a_draft()
    {
        var draft = Drafts.Start();
        var before = draft.Content;

        var result = draft.UpdateDraft(TestActors.Tanaka, Drafts.Complete() with { Title = "Taken over" }, draft.ConcurrencyStamp, World.Now);

        ExpectErrors.Refused(result, "applicant", "not-applicant");
        Assert.Equal(before.Title, draft.Title);
    }

    [Fact]
    public void An_update_with_a_stale_stamp_is_refused_and_changes_nothing()
    {
        var draft = Drafts.Start();
        var staleStamp = draft.ConcurrencyStamp;
        ExpectErrors.Succeeded(draft.UpdateDraft(TestActors.Sato, Drafts.Complete() with { Title = "Edited in tab one" }, staleStamp, World.Now));
        var current = draft.ConcurrencyStamp;

        var result = draft.UpdateDraft(TestActors.Sato, Drafts.Complete() with { Title = "Edited in tab two" }, staleStamp, World.Now);

        ExpectErrors.Refused(result, "concurrencyStamp", "stale-edit");
        Assert.Equal("Edited in tab one", draft.Title);
        Assert.Equal(current, draft.ConcurrencyStamp);
    }

    [Fact]
    public void An_update_over_a_limit_is_refused_and_changes_nothing()
    {
        var draft = Drafts.Start();
        var stamp = draft.ConcurrencyStamp;

        var result = draft.UpdateDraft(TestActors.Sato, Drafts.Complete() with { LaySummary = new string('x', ApplicationLimits.LaySummary + 1) }, stamp, World.Now);

        ExpectErrors.Refused(result, "laySummary", "max-length");
        Assert.Equal(Drafts.Complete().LaySummary, draft.LaySummary);
        Assert.Equal(stamp, draft.ConcurrencyStamp);
    }

    [Fact]
    public void A_second_protocol_replaces_the_first()
    {
        var draft = Drafts.Start();
        ExpectErrors.Succeeded(draft.AddAttachment(TestActors.Sato, Drafts.Protocol(draft, new string('a', 64)), draft.ConcurrencyStamp, World.Now));

        var result = draft.AddAttachment(TestActors.Sato, Drafts.Protocol(draft, new string('b', 64)), draft.ConcurrencyStamp, World.Now);

        ExpectErrors.Succeeded(result);
        Assert.Equal(new string('b', 64), Assert.Single(draft.Attachments).Sha256);
    }

    [Fact]
    public void An_attachment_for_another_application_is_a_programming_error()
    {
        var draft = Drafts.Start();
        var other = Drafts.Start();

        Assert.Throws<ArgumentException>(() => draft.AddAttachment(TestActors.Sato, Drafts.Protocol(other), draft.ConcurrencyStamp, World.Now));
    }

    [Fact]
    public void Someone_other_than_the_applicant_cannot_attach_documents()
    {
        var draft = Drafts.Start();

        ExpectErrors.Refused(draft.AddAttachment(TestActors.Tanaka, Drafts.Protocol(draft), draft.ConcurrencyStamp, World.Now), "applicant", "not-applicant");
        Assert.Empty(draft.Attachments);
    }

    [Fact]
    public void The_applicant_can_remove_an_attachment_from_a_draft()
    {
        var draft = Drafts.Start();
        var protocol = Drafts.Protocol(draft);
        ExpectErrors.Succeeded(draft.AddAttachment(TestActors.Sato, protocol, draft.ConcurrencyStamp, World.Now));

        ExpectErrors.Succeeded(draft.RemoveAttachment(TestActors.Sato, protocol.Id, draft.ConcurrencyStamp, World.Now));

        Assert.Empty(draft.Attachments);
    }

    [Fact]
    public void Removing_an_attachment_that_is_not_there_is_refused()
    {
        var draft = Drafts.Start();
        var stamp = draft.ConcurrencyStamp;

        ExpectErrors.Refused(draft.RemoveAttachment(TestActors.Sato, Guid.NewGuid(), stamp, World.Now), "attachments", "not-found");
        Assert.Equal(stamp, draft.ConcurrencyStamp);
    }
}
