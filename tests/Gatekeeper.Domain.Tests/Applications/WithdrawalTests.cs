using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Tests.Support;
using Gatekeeper.Testing;

namespace Gatekeeper.Domain.Tests.Applications;

/// <summary>The applicant may withdraw a draft freely and a submitted application with a reason; nothing else.</summary>
public sealed class WithdrawalTests
{
    [Fact]
    public void The_applicant_can_withdraw_a_draft_without_a_reason()
    {
        var draft = Drafts.Start();

        ExpectErrors.Succeeded(draft.Withdraw(TestActors.Sato, null, draft.ConcurrencyStamp, World.Now));

        Assert.Equal(ApplicationStatus.Withdrawn, draft.Status);
        Assert.False(draft.IsEditable);
    }

    [Fact]
    public void The_applicant_can_withdraw_a_submitted_application_with_a_reason_that_is_recorded()
    {
        var app = Drafts.Submitted();

        ExpectErrors.Succeeded(app.Withdraw(TestActors.Sato, "Funding ended.", app.ConcurrencyStamp, World.Now.AddDays(1)));

        Assert.Equal(ApplicationStatus.Withdrawn, app.Status);
        var step = app.History[^1];
        Assert.Equal((ApplicationStatus?)ApplicationStatus.Submitted, step.From);
        Assert.Equal(ApplicationStatus.Withdrawn, step.To);
        Assert.Equal("Funding ended.", step.Reason);
        Assert.Equal(World.Now.AddDays(1), step.At);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Withdrawing_a_submitted_application_needs_a_reason(string? reason)
    {
        var app = Drafts.Submitted();

        ExpectErrors.Refused(app.Withdraw(TestActors.Sato, reason, app.ConcurrencyStamp, World.Now), "reason", "required");
        Assert.Equal(ApplicationStatus.Submitted, app.Status);
    }

    [Fact]
    public void A_withdrawal_reason_over_the_limit_is_refused()
    {
        var app = Drafts.Submitted();

        ExpectErrors.Refused(app.Withdraw(TestActors.Sato, new string('r', ApplicationLimits.Reason + 1), app.ConcurrencyStamp, World.Now), "reason", "max-length");
        Assert.Equal(ApplicationStatus.Submitted, app.Status);
    }

    [Fact]
    public void Only_the_applicant_can_withdraw()
    {
        var app = Drafts.Submitted();

        ExpectErrors.Refused(app.Withdraw(TestActors.Chair, "Not yours to withdraw.", app.ConcurrencyStamp, World.Now), "applicant", "not-applicant");
        Assert.Equal(ApplicationStatus.Submitted, app.Status);
    }

    [Fact]
    public void A_withdrawal_with_a_stale_stamp_is_refused()
    {
        var draft = Drafts.Start();
        var stale = draft.ConcurrencyStamp;
        ExpectErrors.Succeeded(draft.UpdateDraft(TestActors.Sato, Drafts.Complete(), stale, World.Now));

        ExpectErrors.Refused(draft.Withdraw(TestActors.Sato, null, stale, World.Now), "concurrencyStamp", "stale-edit");
        Assert.Equal(ApplicationStatus.Draft, draft.Status);
    }

    [Fact]
    public void A_withdrawn_application_cannot_be_withdrawn_again()
    {
        var draft = Drafts.Start();
        ExpectErrors.Succeeded(draft.Withdraw(TestActors.Sato, null, draft.ConcurrencyStamp, World.Now));

        ExpectErrors.Refused(draft.Withdraw(TestActors.Sato, "Again", draft.ConcurrencyStamp, World.Now), "status", "invalid-transition");
    }

    [Fact]
    public void A_decided_application_cannot_be_withdrawn()
    {
        var app = Drafts.Submitted();
        ExpectErrors.Succeeded(app.Decide(TestActors.Chair, approve: true, "Proportionate.", app.ConcurrencyStamp, World.Now));

        ExpectErrors.Refused(app.Withdraw(TestActors.Sato, "Changed my mind.", app.ConcurrencyStamp, World.Now), "status", "invalid-transition");
        Assert.Equal(ApplicationStatus.Approved, app.Status);
    }

    [Fact]
    public void A_withdrawn_draft_can_no_longer_be_edited_or_submitted()
    {
        var draft = Drafts.Start();
        ExpectErrors.Succeeded(draft.Withdraw(TestActors.Sato, null, draft.ConcurrencyStamp, World.Now));

        ExpectErrors.Refused(draft.UpdateDraft(TestActors.Sato, Drafts.Complete(), draft.ConcurrencyStamp, World.Now), "status", "immutable");
        ExpectErrors.Refused(draft.Submit(TestActors.Sato, World.Catalogue, World.Policy, World.Hospital, draft.ConcurrencyStamp, World.Now), "status", "immutable");
    }
}
