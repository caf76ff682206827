using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Tests.Support;
using Gatekeeper.Testing;

namespace Gatekeeper.Domain.Tests.Applications;

/// <summary>Only an independent ELSI chair decides a submitted application, always with a reason.</summary>
public sealed class DecisionTests
{
    [Theory]
    [InlineData(true, ApplicationStatus.Approved)]
    [InlineData(false, ApplicationStatus.Rejected)]
    public void The_chair_decides_a_submitted_application_and_the_reason_is_recorded(bool approve, ApplicationStatus expected)
    {
        var app = Drafts.Submitted();

        ExpectErrors.Succeeded(app.Decide(TestActors.Chair, approve, "Variables are proportionate to the purpose.", app.ConcurrencyStamp, World.Now.AddDays(3)));

        Assert.Equal(expected, app.Status);
        var step = app.History[^1];
        Assert.Equal((ApplicationStatus?)ApplicationStatus.Submitted, step.From);
        Assert.Equal(expected, step.To);
        Assert.Equal(TestActors.Chair.UserId, step.ActorId);
        Assert.Equal("Variables are proportionate to the purpose.", step.Reason);
        Assert.Equal(World.Now.AddDays(3), step.At);
    }

    [Theory]
    [InlineData("reviewer-watanabe")]
    [InlineData("steward-ito")]
    [InlineData("admin-yamada")]
    [InlineData("researcher-tanaka")]
    public void Someone_without_the_chair_role_cannot_decide(string userId)
    {
        var app = Drafts.Submitted();

        var result = app.Decide(TestActors.For(userId), approve: true, "Looks fine.", app.ConcurrencyStamp, World.Now);

        ExpectErrors.Refused(result, "actor", "role-required");
        Assert.Equal(ApplicationStatus.Submitted, app.Status);
    }

    [Fact]
    public void A_chair_from_the_applicants_organisation_has_a_conflict_of_interest()
    {
        var app = Drafts.Submitted();
        var colleague = new Actor("chair-hospital", "Hospital Chair", "chair@u-tokyo-hosp.example", app.OrganisationId,
            new HashSet<string> { Roles.ElsiChair });

        ExpectErrors.Refused(app.Decide(colleague, approve: true, "Approve.", app.ConcurrencyStamp, World.Now), "actor", "conflict-of-interest");
        Assert.Equal(ApplicationStatus.Submitted, app.Status);
    }

    [Fact]
    public void A_chair_named_in_the_applications_team_has_a_conflict_of_interest()
    {
        var chair = TestActors.Chair;
        var content = Drafts.Complete() with
        {
            Team = [.. Drafts.Complete().Team, new TeamMember { Name = "Tadashi Nakamura", Email = chair.Email.ToUpperInvariant(), Organisation = "ELSI board", ProjectRole = "Advisor" }],
        };
        var app = Drafts.Submitted(content);

        ExpectErrors.Refused(app.Decide(chair, approve: true, "Approve.", app.ConcurrencyStamp, World.Now), "actor", "conflict-of-interest");
    }

    [Fact]
    public void A_draft_cannot_be_decided()
    {
        var draft = Drafts.Start();

        ExpectErrors.Refused(draft.Decide(TestActors.Chair, approve: true, "Approve.", draft.ConcurrencyStamp, World.Now), "status", "invalid-transition");
        Assert.Equal(ApplicationStatus.Draft, draft.Status);
    }

    [Fact]
    public void A_decided_application_cannot_be_decided_again()
    {
        var app = Drafts.Submitted();
        ExpectErrors.Succeeded(app.Decide(TestActors.Chair, approve: false, "Purpose not specific enough.", app.ConcurrencyStamp, World.Now));

        ExpectErrors.Refused(app.Decide(TestActors.Chair, approve: true, "Second thoughts.", app.ConcurrencyStamp, World.Now), "status", "invalid-transition");
        Assert.Equal(ApplicationStatus.Rejected, app.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_decision_needs_a_reason(string reason)
    {
        var app = Drafts.Submitted();

        ExpectErrors.Refused(app.Decide(TestActors.Chair, approve: true, reason, app.ConcurrencyStamp, World.Now), "reason", "required");
        Assert.Equal(ApplicationStatus.Submitted, app.Status);
    }

    [Fact]
    public void A_decision_with_a_stale_stamp_is_refused()
    {
        var app = Drafts.Submitted();

        ExpectErrors.Refused(app.Decide(TestActors.Chair, approve: true, "Approve.", Guid.NewGuid(), World.Now), "concurrencyStamp", "stale-edit");
        Assert.Equal(ApplicationStatus.Submitted, app.Status);
    }
}
