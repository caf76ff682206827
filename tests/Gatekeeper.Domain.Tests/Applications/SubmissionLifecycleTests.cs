using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Tests.Support;
using Gatekeeper.Testing;

namespace Gatekeeper.Domain.Tests.Applications;

/// <summary>Submission checks everything, then freezes the version: no edit, no attachment, no second submission.</summary>
public sealed class SubmissionLifecycleTests
{
    [Fact]
    public void Submitting_a_complete_draft_records_when_who_and_which_policy()
    {
        var draft = Drafts.Start();
        var stamp = draft.ConcurrencyStamp;

        var result = draft.Submit(TestActors.Sato, World.Catalogue, World.Policy, World.Hospital, stamp, World.Now.AddMinutes(1));

        ExpectErrors.Succeeded(result);
        Assert.Equal(ApplicationStatus.Submitted, draft.Status);
        Assert.Equal(World.Now.AddMinutes(1), draft.SubmittedAt);
        Assert.Equal(World.Policy.Sha256, draft.PolicySha256);
        Assert.False(draft.IsEditable);
        Assert.NotEqual(stamp, draft.ConcurrencyStamp);
        var step = draft.History[^1];
        Assert.Equal((ApplicationStatus?)ApplicationStatus.Draft, step.From);
        Assert.Equal(ApplicationStatus.Submitted, step.To);
        Assert.Equal(TestActors.Sato.UserId, step.ActorId);
        Assert.Equal(World.Now.AddMinutes(1), step.At);
    }

    [Fact]
    public void An_incomplete_draft_is_not_submitted_and_stays_an_unchanged_draft()
    {
        var draft = Drafts.Start(Drafts.Complete() with { Safeguards = "" });
        var stamp = draft.ConcurrencyStamp;

        var result = draft.Submit(TestActors.Sato, World.Catalogue, World.Policy, World.Hospital, stamp, World.Now);

        ExpectErrors.Refused(result, "safeguards", "required");
        Assert.Equal(ApplicationStatus.Draft, draft.Status);
        Assert.Equal(stamp, draft.ConcurrencyStamp);
        Assert.Null(draft.SubmittedAt);
        Assert.Null(draft.PolicySha256);
        Assert.Single(draft.History);
    }

    [Fact]
    public void Only_the_applicant_can_submit()
    {
        var draft = Drafts.Start();

        ExpectErrors.Refused(draft.Submit(TestActors.Tanaka, World.Catalogue, World.Policy, World.Hospital, draft.ConcurrencyStamp, World.Now), "applicant", "not-applicant");
        Assert.Equal(ApplicationStatus.Draft, draft.Status);
    }

    [Fact]
    public void A_submission_with_a_stale_stamp_is_refused()
    {
        var draft = Drafts.Start();
        var stale = draft.ConcurrencyStamp;
        ExpectErrors.Succeeded(draft.UpdateDraft(TestActors.Sato, Drafts.Complete() with { Title = "Changed in another tab" }, stale, World.Now));

        ExpectErrors.Refused(draft.Submit(TestActors.Sato, World.Catalogue, World.Policy, World.Hospital, stale, World.Now), "concurrencyStamp", "stale-edit");
        Assert.Equal(ApplicationStatus.Draft, draft.Status);
    }

    [Fact]
    public void Submitting_twice_is_refused_as_already_submitted_even_with_the_current_stamp()
    {
        var app = Drafts.Submitted();
        var historyCount = app.History.Count;

        var result = app.Submit(TestActors.Sato, World.Catalogue, World.Policy, World.Hospital, app.ConcurrencyStamp, World.Now);

        ExpectErrors.Refused(result, "status", "already-submitted");
        Assert.Equal(historyCount, app.History.Count);
    }

    [Fact]
    public void Submitting_twice_with_the_original_stamp_is_refused_as_already_submitted()
    {
        var draft = Drafts.Start();
        var stamp = draft.ConcurrencyStamp;
        ExpectErrors.Succeeded(draft.Submit(TestActors.Sato, World.Catalogue, World.Policy, World.Hospital, stamp, World.Now));

        ExpectErrors.Refused(draft.Submit(TestActors.Sato, World.Catalogue, World.Policy, World.Hospital, stamp, World.Now), "status", "already-submitted");
    }

    [Fact]
    public void A_submitted_application_cannot_be_edited()
    {
        var app = Drafts.Submitted();
        var title = app.Title;

        var result = app.UpdateDraft(TestActors.Sato, Drafts.Complete() with { Title = "Quietly changed" }, app.ConcurrencyStamp, World.Now);

        ExpectErrors.Refused(result, "status", "immutable");
        Assert.Equal(title, app.Title);
    }

    [Fact]
    public void A_submitted_application_cannot_get_new_attachments()
    {
        var app = Drafts.Submitted();

        ExpectErrors.Refused(app.AddAttachment(TestActors.Sato, Drafts.Protocol(app), app.ConcurrencyStamp, World.Now), "status", "immutable");
        Assert.Empty(app.Attachments);
    }

    [Fact]
    public void A_submitted_application_cannot_lose_attachments()
    {
        var draft = Drafts.Start();
        var protocol = Drafts.Protocol(draft);
        ExpectErrors.Succeeded(draft.AddAttachment(TestActors.Sato, protocol, draft.ConcurrencyStamp, World.Now));
        ExpectErrors.Succeeded(draft.Submit(TestActors.Sato, World.Catalogue, World.Policy, World.Hospital, draft.ConcurrencyStamp, World.Now));

        ExpectErrors.Refused(draft.RemoveAttachment(TestActors.Sato, protocol.Id, draft.ConcurrencyStamp, World.Now), "status", "immutable");
        Assert.Single(draft.Attachments);
    }

    [Fact]
    public void A_certified_operator_researcher_can_submit_a_pseudonymised_microdata_application()
    {
        var content = Drafts.Complete() with
        {
            RequestedTier = OutputTier.PseudonymisedMicrodata,
            Team = [new TeamMember { Name = "Jiro Suzuki", Email = "suzuki@medinfra.example", Organisation = "MedInfra", ProjectRole = "Analyst" }],
        };

        var app = Drafts.Submitted(content, TestActors.Suzuki);

        Assert.Equal(ApplicationStatus.Submitted, app.Status);
    }

    [Fact]
    public void Passing_another_organisation_than_the_applicants_is_a_programming_error()
    {
        var draft = Drafts.Start();

        Assert.Throws<ArgumentException>(() =>
            draft.Submit(TestActors.Sato, World.Catalogue, World.Policy, World.CertifiedOperator, draft.ConcurrencyStamp, World.Now));
    }
}
