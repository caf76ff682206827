using Gatekeeper.Audit;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Permits;
using Gatekeeper.Data.Workflows;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Permits;
using Gatekeeper.Domain.Reviews;
using Gatekeeper.Testing;
using Gatekeeper.Workflows.Engine;
using Gatekeeper.Workflows.Notifications;
using Gatekeeper.Workflows.Runtime;
using Gatekeeper.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Gatekeeper.Workflows.Tests.Support.ReviewScenario;

namespace Gatekeeper.Workflows.Tests.Store;

/// <summary>The review of applications end to end through the services and the real (SQLite) store.</summary>
public sealed class ReviewFlowTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static CancellationToken None => CancellationToken.None;

    private WorkflowHost Host => fixture.Host;

    private ReviewScenario Scenario => new(Host);

    [Fact]
    public async Task A_low_risk_application_is_screened_reviewed_once_approved_by_the_chair_and_gets_a_permit()
    {
        var app = await Scenario.SubmitAsync(TestActors.Sato);
        var instance = await Scenario.InstanceAsync(app.Id);
        Assert.Equal(("screening", "low"), (instance.State, instance.RiskLevel));
        Assert.Equal(app.SubmittedAt!.Value.AddMonths(3), instance.DeadlineAt);

        var reviewer = await Scenario.UpToChairAsync(app.Id);
        Assert.Equal("chair_decision", (await Scenario.InstanceAsync(app.Id)).State);
        Ok(await Scenario.ChairAsync(app.Id, new ReviewAction { Action = "approve", Comment = "Proportionate; aggregate outputs only." }));

        var decided = await Scenario.ApplicationAsync(app.Id);
        Assert.Equal(ApplicationStatus.Approved, decided.Status);
        Assert.Equal("chair-nakamura", decided.History.Single(h => h.To == ApplicationStatus.Approved).ActorId);
        instance = await Scenario.InstanceAsync(app.Id);
        Assert.Equal((WorkflowInstanceStatus.Completed, "approved"), (instance.Status, instance.Outcome));

        var permit = await Host.Get<PermitService>().GetForApplicationAsync(TestActors.Sato, app.Id, None);
        Assert.NotNull(permit);
        Assert.Matches(@"^DP-\d{4}-[0-9A-HJKMNP-TV-Z]{6}$", permit.Number);
        Assert.Equal(["activity.step", "hba1c.hba1c"], permit.Datasets.Single().Variables.Select(v => v.QualifiedName));
        Assert.Equal((OutputTier.AggregateStatistics, 1.0, (double?)null), (permit.Tier, permit.Epsilon, permit.Delta));
        Assert.True(permit.IsValidAt(Host.Get<TimeProvider>().GetUtcNow()));
        Assert.Equal(app.PeriodEnd!.Value.AddDays(1).ToDateTime(TimeOnly.MinValue), permit.ValidUntil.UtcDateTime);
        Assert.Equal(["Hanako Sato"], permit.Team.Select(t => t.Name));

        await using var db = await Host.DbAsync();
        var decision = await db.Decisions.AsNoTracking().SingleAsync(d => d.ApplicationId == app.Id);
        Assert.Equal((ReviewDecision.Approve, permit.Id), (decision.Decision, decision.PermitId));
        var review = await db.Reviews.AsNoTracking().SingleAsync(r => r.ApplicationId == app.Id);
        Assert.Equal((reviewer, ReviewDecision.Approve, ChecklistRating.Satisfied), (review.ReviewerId, review.Recommendation, review.Checklist.LegalBasis.Rating));
        var told = await db.Notifications.AsNoTracking().SingleAsync(n => n.ApplicationId == app.Id && n.Kind == NotificationKinds.Decision);
        Assert.Equal(("researcher-sato", MailStatus.Pending, "sato@u-tokyo-hosp.example"), (told.UserId, told.EmailStatus, told.EmailTo));
        Assert.Contains(permit.Number, told.BodyEn, StringComparison.Ordinal);
        var actions = await db.Set<AuditEntryRow>().AsNoTracking().ToListAsync();
        Assert.Contains(actions, a => a.Action == "workflow.started" && a.SubjectId == instance.Id.ToString());
        // The console's contract (docs/audit.md): the decision names the application and uses its vocabulary.
        Assert.Contains(actions, a => a.Action == AuditActions.ReviewDecision && a.SubjectId == decision.Id.ToString()
                                      && a.Details![AuditDetailKeys.Decision] == ReviewDecisionCodes.Approved
                                      && a.Details[AuditDetailKeys.Application] == app.Reference);
        Assert.Contains(actions, a => a.Action == AuditActions.PermitIssued && a.SubjectId == permit.Id.ToString()
                                      && a.Details![AuditDetailKeys.Permit] == permit.Id.ToString());
        // The permit's privacy budget opened with it (ε from the terms, exactly), nothing spent yet.
        var account = await Host.Get<Gatekeeper.Disclosure.Privacy.Budget.IPrivacyBudgetLedger>().GetAccountAsync(permit.Id.ToString());
        Assert.Equal(Gatekeeper.Disclosure.Suppression.Rational.One, account!.Cap.Epsilon);
        Assert.True(account.Spent.IsZero);
        Assert.True((await Host.Get<AuditTrail>().VerifyAsync(None)).IsValid);
    }

    [Fact]
    public async Task Approval_with_conditions_can_narrow_the_variables_but_never_widen_them()
    {
        var app = await Scenario.SubmitAsync(TestActors.Sato);
        await Scenario.UpToChairAsync(app.Id);
        var today = Scenario.Today;
        var wider = new PermitTerms
        {
            Datasets = [new PermittedDataset { DatasetId = "dpp", Variables = [new("activity", "step"), new("participants", "birth_year_month")] }],
            Tier = OutputTier.AggregateStatistics, ValidFrom = today, ValidUntil = today.AddMonths(6), PrivacyBudget = new PrivacyBudget(0.5, 1e-6),
        };

        var refused = await Scenario.ChairAsync(app.Id, new ReviewAction { Action = "approve_with_conditions", Comment = "ok", Conditions = ["No linkage."], Terms = wider });

        Refused(refused, "not-requested");
        Assert.Equal(ApplicationStatus.Submitted, (await Scenario.ApplicationAsync(app.Id)).Status);
        Assert.Equal("chair_decision", (await Scenario.InstanceAsync(app.Id)).State);
        Assert.Null(await Host.Get<PermitService>().GetForApplicationAsync(TestActors.Sato, app.Id, None));

        var narrower = wider with { Datasets = [new PermittedDataset { DatasetId = "dpp", Variables = [new("activity", "step")] }] };
        Ok(await Scenario.ChairAsync(app.Id, new ReviewAction
        {
            Action = "approve_with_conditions", Comment = "HbA1c is not needed for the first question.", Conditions = ["Publish only tables with cells of 10 or more."], Terms = narrower,
        }));

        var permit = (await Host.Get<PermitService>().GetForApplicationAsync(TestActors.Sato, app.Id, None))!;
        Assert.Equal(["activity.step"], permit.Datasets.Single().Variables.Select(v => v.QualifiedName));
        Assert.Equal(["Publish only tables with cells of 10 or more."], permit.Conditions);
        Assert.Equal((0.5, 1e-6), (permit.Epsilon!.Value, permit.Delta!.Value));
        Assert.True(permit.Allows("dpp", "activity", "step"));
        Assert.False(permit.Allows("dpp", "hba1c", "hba1c"));
        Assert.Equal("approved-with-conditions", (await Scenario.InstanceAsync(app.Id)).Outcome);
    }

    [Fact]
    public async Task Revise_and_resubmit_keeps_the_application_open_and_the_new_version_is_reviewed_afresh()
    {
        var app = await Scenario.SubmitAsync(TestActors.Sato);
        await Scenario.UpToChairAsync(app.Id);

        Ok(await Scenario.ChairAsync(app.Id, new ReviewAction { Action = "revise", Comment = "Explain why HbA1c is needed at quarterly resolution." }));

        Assert.Equal(ApplicationStatus.Submitted, (await Scenario.ApplicationAsync(app.Id)).Status);
        var status = (await Scenario.Reviews.GetStatusAsync(TestActors.Sato, app.Id, None))!;
        Assert.Equal(("awaiting_revision", false), (status.State, status.Finished));
        Assert.Equal(ReviewDecision.ReviseAndResubmit, status.Decision!.Decision);
        Assert.Equal("Explain why HbA1c is needed at quarterly resolution.", Assert.Single(status.RevisionRequests).Body);
        Assert.Null(status.Permit);

        var v2 = await Scenario.ReviseAsync(TestActors.Sato, app.Id, c => c with { Safeguards = "Quarterly HbA1c is the outcome's only measurement; see protocol 2.1." });

        var old = await Scenario.InstanceAsync(app.Id);
        Assert.Equal((WorkflowInstanceStatus.Completed, "superseded"), (old.Status, old.Outcome));
        Assert.Equal(ApplicationStatus.Superseded, (await Scenario.ApplicationAsync(app.Id)).Status);
        var fresh = await Scenario.InstanceAsync(v2.Id);
        Assert.Equal(("screening", 2), (fresh.State, v2.Version));
        Assert.Single(await Scenario.TasksAsync(v2.Id));
        Assert.Empty(await Scenario.TasksAsync(app.Id));
        var thread = await Scenario.Reviews.CommentsAsync(TestActors.Sato, v2.Id, None);
        Assert.Single(thread, c => c.IsRevisionRequest && c.ApplicationVersion == 1);
    }

    [Fact]
    public async Task The_steward_returns_an_incomplete_application_with_a_reason()
    {
        var app = await Scenario.SubmitAsync(TestActors.Sato);
        var task = await Scenario.TaskOfAsync(app.Id, "steward-ito");

        Refused(await Scenario.Reviews.ActAsync(TestActors.Steward, task.Id, new ReviewAction { Action = "return" }, None), "comment-required");
        Ok(await Scenario.Reviews.ActAsync(TestActors.Steward, task.Id, new ReviewAction { Action = "return", Comment = "The ethics approval is missing." }, None));

        var instance = await Scenario.InstanceAsync(app.Id);
        Assert.Equal("awaiting_revision", instance.State);
        await using var db = await Host.DbAsync();
        Assert.True(await db.Notifications.AnyAsync(n => n.ApplicationId == app.Id && n.Kind == NotificationKinds.RevisionRequested && n.UserId == "researcher-sato"));
        Assert.False(await db.WorkflowTimers.AnyAsync(t => t.InstanceId == instance.Id && t.Status == WorkflowTimerStatus.Pending && t.Kind == WorkflowTimerKind.Deadline));
        Assert.True(await db.WorkflowTimers.AnyAsync(t => t.InstanceId == instance.Id && t.Status == WorkflowTimerStatus.Pending && t.Kind == WorkflowTimerKind.StateTimeout));
    }

    [Fact]
    public async Task A_rejection_decides_the_application_without_a_permit()
    {
        var app = await Scenario.SubmitAsync(TestActors.Sato);
        await Scenario.UpToChairAsync(app.Id);

        Refused(await Scenario.ChairAsync(app.Id, new ReviewAction { Action = "reject", Comment = "No.", Terms = new PermitTerms() }), "not-allowed");
        Ok(await Scenario.ChairAsync(app.Id, new ReviewAction { Action = "reject", Comment = "The public benefit is not shown." }));

        Assert.Equal(ApplicationStatus.Rejected, (await Scenario.ApplicationAsync(app.Id)).Status);
        Assert.Null(await Host.Get<PermitService>().GetForApplicationAsync(TestActors.Sato, app.Id, None));
        Assert.Equal("rejected", (await Scenario.InstanceAsync(app.Id)).Outcome);
    }

    [Fact]
    public async Task A_high_risk_application_goes_to_the_panel_where_the_chair_fills_the_empty_seat()
    {
        var app = await Scenario.SubmitAsync(TestActors.Suzuki, c => c with { RequestedTier = OutputTier.PseudonymisedMicrodata });
        var instance = await Scenario.InstanceAsync(app.Id);
        Assert.Equal(("high", 6), (instance.RiskLevel, instance.RiskScore));
        await Scenario.ScreenAsync(app.Id);

        var seats = await Scenario.TasksAsync(app.Id);
        Assert.Equal(3, seats.Count);
        var empty = Assert.Single(seats, t => t.AssigneeId is null);
        var third = await Scenario.AddPersonAsync("reviewer-kimura", "elsi-board", Gatekeeper.Domain.Common.Roles.ElsiReviewer);
        var assigned = await Scenario.Reviews.AssignAsync(TestActors.Chair, [empty.Id], third.UserId, None);
        Ok(Assert.Single(assigned).Result);

        await Scenario.VoteAsync(app.Id, third, ReviewDecision.Reject, "Pseudonymised data is not justified.");
        Assert.Equal("panel_review", (await Scenario.InstanceAsync(app.Id)).State);
        await Scenario.VoteAsync(app.Id, TestActors.For("reviewer-watanabe"), ReviewDecision.Approve);
        await Scenario.VoteAsync(app.Id, TestActors.For("reviewer-yamamoto"), ReviewDecision.ApproveWithConditions);

        var detail = (await Scenario.Reviews.GetReviewForApplicationAsync(TestActors.Chair, app.Id, None))!;
        Assert.Equal("chair_decision", detail.Instance.State);
        Assert.Equal((3, 2, true), (detail.Tally.Cast, detail.Tally.For, detail.Tally.QuorumMet));
        Assert.Equal(3, detail.Reviews.Count);
        Assert.Contains(detail.RiskContributions, c => c.Factor == "tier" && c.Points == 5);
        Assert.Contains("pseudonymised-tier", detail.HighRiskRules);
        Assert.Contains(detail.Actions, a => a is { Name: "approve", BlockedBy: null, Decision: "approve" });
    }

    [Fact]
    public async Task Two_reviewers_voting_at_the_same_moment_move_the_review_on_exactly_once()
    {
        var app = await Scenario.SubmitAsync(TestActors.Suzuki, c => c with { RequestedTier = OutputTier.PseudonymisedMicrodata });
        await Scenario.ScreenAsync(app.Id);
        var w = await Scenario.TaskOfAsync(app.Id, "reviewer-watanabe");
        var y = await Scenario.TaskOfAsync(app.Id, "reviewer-yamamoto");
        ReviewSubmission Approve() => new() { Recommendation = ReviewDecision.Approve, Checklist = Checklists.AllSatisfied };

        var results = await Task.WhenAll(
            Task.Run(() => Scenario.Reviews.VoteAsync(TestActors.For("reviewer-watanabe"), w.Id, Approve(), None)),
            Task.Run(() => Scenario.Reviews.VoteAsync(TestActors.For("reviewer-yamamoto"), y.Id, Approve(), None)),
            Task.Run(() => Scenario.Reviews.VoteAsync(TestActors.For("reviewer-yamamoto"), y.Id, Approve(), None)));

        Assert.Equal(2, results.Count(r => r.Succeeded));
        Refused(Assert.Single(results, r => !r.Succeeded), "task-closed");
        var instance = await Scenario.InstanceAsync(app.Id);
        Assert.Equal("chair_decision", instance.State);
        await using var db = await Host.DbAsync();
        var steps = await db.WorkflowSteps.AsNoTracking().Where(s => s.InstanceId == instance.Id).OrderBy(s => s.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, instance.StepCount), steps.Select(s => s.Sequence));
        Assert.Single(steps, s => s.ToState == "chair_decision");
        Assert.Equal(2, steps.Count(s => s.Kind == WorkflowStepKind.Vote));
        Assert.Single(await db.WorkflowTasks.AsNoTracking().Where(t => t.InstanceId == instance.Id && t.State == "chair_decision").ToListAsync());
        Assert.Equal(2, await db.Reviews.CountAsync(r => r.InstanceId == instance.Id));
    }

    [Fact]
    public async Task A_reviewer_sees_the_other_votes_only_after_casting_their_own()
    {
        var app = await Scenario.SubmitAsync(TestActors.Suzuki, c => c with { RequestedTier = OutputTier.PseudonymisedMicrodata });
        await Scenario.ScreenAsync(app.Id);
        await Scenario.VoteAsync(app.Id, TestActors.For("reviewer-watanabe"), ReviewDecision.Approve);

        var before = (await Scenario.Reviews.GetReviewForApplicationAsync(TestActors.For("reviewer-yamamoto"), app.Id, None))!;
        Assert.Empty(before.Reviews);
        Assert.Equal(0, before.Tally.For);
        Assert.Contains(before.Actions, a => a is { Kind: AvailableAction.VoteKind, Name: "approve" });

        await Scenario.VoteAsync(app.Id, TestActors.For("reviewer-yamamoto"), ReviewDecision.ApproveWithConditions);
        var after = (await Scenario.Reviews.GetReviewForApplicationAsync(TestActors.For("reviewer-yamamoto"), app.Id, None))!;
        Assert.Equal(2, after.Reviews.Count);
    }

    [Fact]
    public async Task The_thread_carries_messages_between_board_and_researcher_and_tells_the_other_side()
    {
        var app = await Scenario.SubmitAsync(TestActors.Sato);

        Ok(await Scenario.Reviews.AddCommentAsync(TestActors.Steward, app.Id, "Is the ethics approval for this cohort?", None));
        Ok(await Scenario.Reviews.AddCommentAsync(TestActors.Sato, app.Id, "Yes, amendment 3 covers it.", None));
        Refused(await Scenario.Reviews.AddCommentAsync(TestActors.Tanaka, app.Id, "Hello", None), "not-found");
        Refused(await Scenario.Reviews.AddCommentAsync(TestActors.Sato, app.Id, "  ", None), "required");

        var thread = await Scenario.Reviews.CommentsAsync(TestActors.Sato, app.Id, None);
        Assert.Equal([CommentAuthor.Board, CommentAuthor.Researcher], thread.Select(c => c.AuthorKind));
        Assert.Empty(await Scenario.Reviews.CommentsAsync(TestActors.Tanaka, app.Id, None));
        var notifications = Host.Get<NotificationService>();
        Assert.Contains(await notifications.ListAsync(TestActors.Sato, unreadOnly: true, 50, None), n => n.Kind == NotificationKinds.Comment && n.ApplicationId == app.Id);
        var stewards = await notifications.ListAsync(TestActors.Steward, unreadOnly: true, 200, None);
        var reply = Assert.Single(stewards, n => n.Kind == NotificationKinds.Comment && n.ApplicationId == app.Id);
        Assert.Equal(1, await notifications.MarkReadAsync(TestActors.Steward, [reply.Id], None));
        Assert.Equal(0, await notifications.MarkReadAsync(TestActors.Sato, [reply.Id], None));
    }

    [Fact]
    public async Task The_decision_letter_renders_in_japanese_and_english_with_the_permit_for_its_readers_only()
    {
        var app = await Scenario.SubmitAsync(TestActors.Sato);
        await Scenario.UpToChairAsync(app.Id);
        Ok(await Scenario.ChairAsync(app.Id, new ReviewAction { Action = "approve_with_conditions", Comment = "Aggregate <b>only</b>.", Conditions = ["Cells of 10 or more."] }));
        var letters = Host.Get<DecisionLetterService>();

        var ja = Ok(await letters.RenderAsync(TestActors.Sato, app.Id, "ja-JP", None));
        var en = Ok(await letters.RenderAsync(TestActors.Chair, app.Id, "en", None));

        var permit = (await Host.Get<PermitService>().GetForApplicationAsync(TestActors.Sato, app.Id, None))!;
        Assert.Contains("条件付き承認", ja.Html, StringComparison.Ordinal);
        Assert.Contains("歩数", ja.Html, StringComparison.Ordinal);
        Assert.Contains(permit.Number, ja.Html, StringComparison.Ordinal);
        Assert.Contains("Approved with conditions", en.Html, StringComparison.Ordinal);
        Assert.Contains("Cells of 10 or more.", en.Html, StringComparison.Ordinal);
        Assert.Contains("ε = 1", en.Html, StringComparison.Ordinal);
        Assert.Contains("Aggregate &lt;b&gt;only&lt;/b&gt;.", en.Html, StringComparison.Ordinal);
        Assert.Contains("@media print", en.Html, StringComparison.Ordinal);
        Assert.Equal($"decision-{app.Reference}-v1.en.html", en.FileName);
        Refused(await letters.RenderAsync(TestActors.Tanaka, app.Id, "en", None), "not-found");
    }

    [Fact]
    public async Task Revoking_a_permit_stops_it_at_once_and_only_the_chair_can()
    {
        var app = await Scenario.SubmitAsync(TestActors.Sato);
        await Scenario.UpToChairAsync(app.Id);
        Ok(await Scenario.ChairAsync(app.Id, new ReviewAction { Action = "approve", Comment = "ok" }));
        var permits = Host.Get<PermitService>();
        var permit = (await permits.GetForApplicationAsync(TestActors.Sato, app.Id, None))!;
        Assert.NotNull(await permits.FindValidAsync(permit.Id, None));
        Assert.Contains(await permits.ListMineAsync(TestActors.Sato, None), p => p.Id == permit.Id);
        Assert.Null(await permits.GetAsync(TestActors.Tanaka, permit.Id, None));

        Refused(await permits.RevokeAsync(TestActors.Steward, permit.Id, "Breach.", None), "role-required");
        Refused(await permits.RevokeAsync(TestActors.Tanaka, permit.Id, "Breach.", None), "not-found");
        Ok(await permits.RevokeAsync(TestActors.Chair, permit.Id, "Outputs left the environment outside the airlock.", None));

        Assert.Null(await permits.FindValidAsync(permit.Id, None));
        var revoked = (await permits.GetAsync(TestActors.Sato, permit.Id, None))!;
        Assert.Equal(PermitStatus.Revoked, revoked.StatusAt(Host.Get<TimeProvider>().GetUtcNow()));
        Refused(await permits.RevokeAsync(TestActors.Chair, permit.Id, "Again.", None), "already-revoked");
    }
}
