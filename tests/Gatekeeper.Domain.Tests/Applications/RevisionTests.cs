using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Tests.Support;
using Gatekeeper.Testing;

namespace Gatekeeper.Domain.Tests.Applications;

/// <summary>A change to a submitted application is a new version of the same lineage that supersedes the old one when submitted.</summary>
public sealed class RevisionTests
{
    [Fact]
    public void A_revision_is_the_next_version_of_the_same_application_as_a_draft()
    {
        var v1 = Drafts.Submitted();

        var result = v1.CreateRevision(TestActors.Sato, World.Now.AddDays(1));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var v2 = result.Value!;
        Assert.NotEqual(v1.Id, v2.Id);
        Assert.Equal(2, v2.Version);
        Assert.Equal(v1.Reference, v2.Reference);
        Assert.Equal(v1.LineageId, v2.LineageId);
        Assert.Equal(v1.Id, v2.PreviousVersionId);
        Assert.Equal(ApplicationStatus.Draft, v2.Status);
        Assert.Equal(v1.ApplicantId, v2.ApplicantId);
        var original = v1.Content;
        Assert.Equal(original, v2.Content with { Team = original.Team, Datasets = original.Datasets });
        Assert.Equal(v1.Team, v2.Team);
        Assert.Equal(v1.Datasets.SelectMany(d => d.Variables), v2.Datasets.SelectMany(d => d.Variables));
        Assert.Null(v2.SubmittedAt);
        Assert.Null(v2.PolicySha256);
    }

    [Fact]
    public void Creating_a_revision_leaves_the_submitted_version_as_it_was()
    {
        var v1 = Drafts.Submitted();
        var stamp = v1.ConcurrencyStamp;

        var v2 = v1.CreateRevision(TestActors.Sato, World.Now).Value!;
        ExpectErrors.Succeeded(v2.UpdateDraft(TestActors.Sato, v2.Content with { Title = "Revised title" }, v2.ConcurrencyStamp, World.Now));

        Assert.Equal(ApplicationStatus.Submitted, v1.Status);
        Assert.Equal(Drafts.Complete().Title, v1.Title);
        Assert.Equal(stamp, v1.ConcurrencyStamp);
    }

    [Fact]
    public void A_revision_keeps_the_attachments_as_new_records_of_the_same_files()
    {
        var draft = Drafts.Start(Drafts.Complete() with { PurposeCategory = "scientific-research" });
        var protocol = Drafts.Protocol(draft);
        ExpectErrors.Succeeded(draft.AddAttachment(TestActors.Sato, protocol, draft.ConcurrencyStamp, World.Now));
        ExpectErrors.Succeeded(draft.Submit(TestActors.Sato, World.Catalogue, World.Policy, World.Hospital, draft.ConcurrencyStamp, World.Now));

        var v2 = draft.CreateRevision(TestActors.Sato, World.Now).Value!;

        var copy = Assert.Single(v2.Attachments);
        Assert.NotEqual(protocol.Id, copy.Id);
        Assert.Equal(v2.Id, copy.ApplicationId);
        Assert.Equal(protocol.Sha256, copy.Sha256);
        Assert.Equal(protocol.FileName, copy.FileName);
        Assert.Equal(protocol.Kind, copy.Kind);
    }

    [Fact]
    public void A_revision_records_its_origin_in_its_history()
    {
        var v1 = Drafts.Submitted();

        var v2 = v1.CreateRevision(TestActors.Sato, World.Now.AddDays(1)).Value!;

        var created = Assert.Single(v2.History);
        Assert.Null(created.From);
        Assert.Equal(ApplicationStatus.Draft, created.To);
        Assert.Equal("Revision of version 1", created.Reason);
        Assert.Equal(TestActors.Sato.UserId, created.ActorId);
    }

    [Fact]
    public void Only_the_applicant_can_revise()
    {
        var v1 = Drafts.Submitted();

        var result = v1.CreateRevision(TestActors.Tanaka, World.Now);

        Assert.False(result.Succeeded);
        ExpectErrors.Has(result.Errors, "applicant", "not-applicant");
    }

    [Fact]
    public void A_draft_is_edited_not_revised()
    {
        var result = Drafts.Start().CreateRevision(TestActors.Sato, World.Now);

        Assert.False(result.Succeeded);
        ExpectErrors.Has(result.Errors, "status", "not-revisable");
    }

    [Fact]
    public void Submitting_a_revision_supersedes_the_previous_version_with_a_recorded_reason()
    {
        var v1 = Drafts.Submitted();
        var v2 = v1.CreateRevision(TestActors.Sato, World.Now).Value!;
        ExpectErrors.Succeeded(v2.UpdateDraft(TestActors.Sato, v2.Content with { Title = "Revised: steps and HbA1c" }, v2.ConcurrencyStamp, World.Now));
        ExpectErrors.Succeeded(v2.Submit(TestActors.Sato, World.Catalogue, World.Policy, World.Hospital, v2.ConcurrencyStamp, World.Now.AddHours(1)));

        ExpectErrors.Succeeded(v1.SupersedeBy(v2, TestActors.Sato, World.Now.AddHours(1)));

        Assert.Equal(ApplicationStatus.Superseded, v1.Status);
        Assert.Equal(ApplicationStatus.Submitted, v2.Status);
        var step = v1.History[^1];
        Assert.Equal((ApplicationStatus?)ApplicationStatus.Submitted, step.From);
        Assert.Equal(ApplicationStatus.Superseded, step.To);
        Assert.Equal("Superseded by version 2", step.Reason);
    }

    [Fact]
    public void A_revision_that_is_not_submitted_cannot_supersede()
    {
        var v1 = Drafts.Submitted();
        var v2 = v1.CreateRevision(TestActors.Sato, World.Now).Value!;

        Assert.Throws<InvalidOperationException>(() => v1.SupersedeBy(v2, TestActors.Sato, World.Now));
        Assert.Equal(ApplicationStatus.Submitted, v1.Status);
    }

    [Fact]
    public void An_unrelated_application_cannot_supersede()
    {
        var v1 = Drafts.Submitted();
        var other = Drafts.Submitted();

        Assert.Throws<InvalidOperationException>(() => v1.SupersedeBy(other, TestActors.Sato, World.Now));
    }

    [Fact]
    public void A_version_withdrawn_in_the_meantime_cannot_be_superseded()
    {
        var v1 = Drafts.Submitted();
        var v2 = v1.CreateRevision(TestActors.Sato, World.Now).Value!;
        ExpectErrors.Succeeded(v1.Withdraw(TestActors.Sato, "Replaced by a new application.", v1.ConcurrencyStamp, World.Now));
        ExpectErrors.Succeeded(v2.Submit(TestActors.Sato, World.Catalogue, World.Policy, World.Hospital, v2.ConcurrencyStamp, World.Now));

        ExpectErrors.Refused(v1.SupersedeBy(v2, TestActors.Sato, World.Now), "status", "invalid-transition");
        Assert.Equal(ApplicationStatus.Withdrawn, v1.Status);
    }
}
