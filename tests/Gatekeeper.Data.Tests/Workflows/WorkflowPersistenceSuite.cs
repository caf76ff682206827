using Gatekeeper.Data.Permits;
using Gatekeeper.Data.Tests.Support;
using Gatekeeper.Data.Workflows;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Reviews;
using Gatekeeper.Testing;
using Gatekeeper.Workflows.Notifications;
using Gatekeeper.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Tests.Workflows;

/// <summary>
/// Workflow instances, tasks, timers, history, reviews, decisions, permits and notifications persist the same on
/// every provider, and the engine's concurrency guarantees hold on each (on PostgreSQL writers really overlap).
/// </summary>
public abstract class WorkflowPersistenceSuite<TFixture>(TFixture fixture) : StoreSuite<TFixture>(fixture), IAsyncLifetime
    where TFixture : StoreFixture
{
    private WorkflowServices _workflows = null!;

    public Task InitializeAsync()
    {
        _workflows = new WorkflowServices(Store);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _workflows.DisposeAsync();

    private static ElsiChecklist Checklist => new()
    {
        LegalBasis = new(ChecklistRating.Satisfied), ConsentStatus = new(ChecklistRating.Satisfied),
        Proportionality = new(ChecklistRating.Concerns, "Birth year-month is broad."), PublicBenefit = new(ChecklistRating.Satisfied),
        ReidentificationRisk = new(ChecklistRating.Satisfied), CommercialAspects = new(ChecklistRating.NotApplicable),
    };

    private async Task<SecondaryUseApplication> ReviewedAsync(Actor applicant, OutputTier tier = OutputTier.AggregateStatistics)
    {
        var app = await SubmittedAsync(applicant, Complete(applicant) with { RequestedTier = tier });
        AssertSucceeded(await _workflows.Reviews.StartReviewAsync(app.Id, applicant, None));
        return app;
    }

    private async Task<List<WorkflowTask>> OpenTasksAsync(Guid applicationId)
    {
        await using var db = await Store.DbAsync();
        return await db.WorkflowTasks.AsNoTracking().Where(t => t.ApplicationId == applicationId && t.Status == WorkflowTaskStatus.Open).OrderBy(t => t.Slot).ToListAsync();
    }

    private async Task ScreenAsync(Guid applicationId)
    {
        var task = Assert.Single(await OpenTasksAsync(applicationId));
        AssertSucceeded(await _workflows.Reviews.ActAsync(TestActors.Steward, task.Id, new ReviewAction { Action = "accept" }, None));
    }

    [Fact]
    public async Task A_review_to_a_permit_round_trips_every_row()
    {
        var app = await ReviewedAsync(TestActors.Sato);
        await ScreenAsync(app.Id);
        var vote = Assert.Single(await OpenTasksAsync(app.Id));
        AssertSucceeded(await _workflows.Reviews.VoteAsync(TestActors.For(vote.AssigneeId!), vote.Id,
            new ReviewSubmission { Recommendation = ReviewDecision.ApproveWithConditions, Checklist = Checklist, Comments = "Narrow it.", Conditions = ["Aggregate only."] }, None));
        var chair = Assert.Single(await OpenTasksAsync(app.Id));
        AssertSucceeded(await _workflows.Reviews.ActAsync(TestActors.Chair, chair.Id,
            new ReviewAction { Action = "approve_with_conditions", Comment = "Approved.", Conditions = ["Cells of 10 or more.", "No linkage."] }, None));

        await using var db = await Store.DbAsync();
        var instance = await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.SubjectId == app.Id);
        Assert.Equal(("approved_with_conditions", WorkflowInstanceStatus.Completed, "low"), (instance.State, instance.Status, instance.RiskLevel));
        Assert.Equal(app.SubmittedAt!.Value.AddMonths(3), instance.DeadlineAt);
        Assert.Contains("\"tier\":\"aggregate-statistics\"", instance.Facts, StringComparison.Ordinal);
        var steps = await db.WorkflowSteps.AsNoTracking().Where(s => s.InstanceId == instance.Id).OrderBy(s => s.Sequence).ToListAsync();
        Assert.Equal(["start", "accept", "auto", "approve-with-conditions", "auto", "approve_with_conditions"], steps.Select(s => s.Trigger));
        Assert.Equal(Enumerable.Range(1, instance.StepCount), steps.Select(s => s.Sequence));
        var review = await db.Reviews.AsNoTracking().SingleAsync(r => r.InstanceId == instance.Id);
        Assert.Equal(Checklist, review.Checklist);
        Assert.Equal(["Aggregate only."], review.ProposedConditions);
        var decision = await db.Decisions.AsNoTracking().SingleAsync(d => d.InstanceId == instance.Id);
        Assert.Equal(["Cells of 10 or more.", "No linkage."], decision.Conditions);
        var permit = await db.Permits.AsNoTracking().SingleAsync(p => p.Id == decision.PermitId);
        Assert.Equal((app.Reference, OutputTier.AggregateStatistics, 1.0), (permit.ApplicationReference, permit.Tier, permit.Epsilon!.Value));
        Assert.Equal(["activity.step", "hba1c.hba1c"], permit.Datasets.Single().Variables.Select(v => v.QualifiedName));
        Assert.Equal(app.Team, permit.Team);
        Assert.True(permit.IsValidAt(Store.Time.GetUtcNow()));
        Assert.All(await db.WorkflowTimers.AsNoTracking().Where(t => t.InstanceId == instance.Id).ToListAsync(), t => Assert.NotEqual(WorkflowTimerStatus.Pending, t.Status));
        var notice = await db.Notifications.AsNoTracking().SingleAsync(n => n.ApplicationId == app.Id && n.Kind == "decision");
        Assert.Equal((MailStatus.Pending, "researcher-sato"), (notice.EmailStatus, notice.UserId));
        Assert.Contains("条件付き承認", notice.BodyJa, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simultaneous_votes_of_a_panel_move_it_on_once()
    {
        var app = await ReviewedAsync(TestActors.Suzuki, OutputTier.PseudonymisedMicrodata);
        await ScreenAsync(app.Id);
        var seats = (await OpenTasksAsync(app.Id)).Where(t => t.AssigneeId is not null).ToList();
        Assert.Equal(2, seats.Count);

        var results = await Task.WhenAll(seats.SelectMany(seat => Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            _workflows.Reviews.VoteAsync(TestActors.For(seat.AssigneeId!), seat.Id,
                new ReviewSubmission { Recommendation = ReviewDecision.Approve, Checklist = Checklist }, None)))));

        Assert.Equal(2, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Contains(r.Errors, e => e.Rule == "task-closed"));
        await using var db = await Store.DbAsync();
        var instance = await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.SubjectId == app.Id);
        Assert.Equal("chair_decision", instance.State);
        var steps = await db.WorkflowSteps.AsNoTracking().Where(s => s.InstanceId == instance.Id).ToListAsync();
        Assert.Equal(Enumerable.Range(1, instance.StepCount), steps.Select(s => s.Sequence).Order());
        Assert.Single(steps, s => s.ToState == "chair_decision" && s.FromState == "panel_review");
        Assert.Single(await db.WorkflowTasks.AsNoTracking().Where(t => t.InstanceId == instance.Id && t.State == "chair_decision").ToListAsync());
    }

    [Fact]
    public async Task Two_starts_of_the_same_review_at_once_create_one_instance()
    {
        var app = await SubmittedAsync(TestActors.Sato);

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => _workflows.Reviews.StartReviewAsync(app.Id, null, None))));

        Assert.All(results, r => Assert.True(r.Succeeded, string.Join("; ", r.Errors)));
        Assert.Single(results.Select(r => r.Value!.Id).Distinct());
        await using var db = await Store.DbAsync();
        Assert.Equal(1, await db.WorkflowInstances.CountAsync(i => i.SubjectId == app.Id));
        Assert.Single(await OpenTasksAsync(app.Id));
    }

    [Fact]
    public async Task Racing_timer_services_fire_each_due_timer_once()
    {
        var apps = new List<SecondaryUseApplication>();
        for (var i = 0; i < 3; i++) apps.Add(await ReviewedAsync(TestActors.Sato));
        await using var second = new WorkflowServices(Store);
        Store.Time.Advance(TimeSpan.FromDays(11));

        await Task.WhenAll(
            Task.Run(() => _workflows.Get<WorkflowRuntime>().FireDueTimersAsync(None)),
            Task.Run(() => second.Get<WorkflowRuntime>().FireDueTimersAsync(None)));

        await using var db = await Store.DbAsync();
        var ids = apps.Select(a => a.Id).ToList();
        var instances = await db.WorkflowInstances.Where(i => ids.Contains(i.SubjectId)).Select(i => i.Id).ToListAsync();
        var due = await db.WorkflowTimers.AsNoTracking().Where(t => instances.Contains(t.InstanceId) && t.Kind != WorkflowTimerKind.Deadline && t.Kind != WorkflowTimerKind.DeadlineWarning).ToListAsync();
        Assert.Equal(6, due.Count);
        Assert.All(due, t => Assert.Equal(WorkflowTimerStatus.Fired, t.Status));
        var applied = await db.WorkflowSteps.AsNoTracking().Where(s => s.TimerId != null && instances.Contains(s.InstanceId)).Select(s => s.TimerId!.Value).ToListAsync();
        Assert.Equal(due.Select(t => t.Id).Order(), applied.Order());
        Assert.All(await OpenTasksAsync(apps[0].Id), t => Assert.True(t.Escalated));
    }

    [Fact]
    public async Task The_queue_query_filters_sorts_and_pages_in_the_database()
    {
        var apps = new List<SecondaryUseApplication>();
        for (var i = 0; i < 3; i++)
        {
            apps.Add(await ReviewedAsync(TestActors.Sato));
            Store.Time.Advance(TimeSpan.FromHours(1));
        }

        var queue = _workflows.Get<ReviewQueueService>();
        var query = new ReviewQueueQuery
        {
            Scope = ReviewQueueScope.Team, States = ["screening"], RiskLevel = "low", DeadlineBefore = Store.Time.GetUtcNow().AddMonths(4),
            Search = "HbA1c", Sort = ReviewQueueSort.Deadline, Descending = true, PageSize = 2,
        };

        var first = await queue.QueryAsync(TestActors.Steward, query, None);
        var everything = await queue.QueryAsync(TestActors.Steward, query with { PageSize = 100 }, None);

        Assert.True(everything.Total >= 3);
        Assert.Equal(2, first.Items.Count);
        Assert.Equal(everything.Items.Take(2).Select(i => i.TaskId), first.Items.Select(i => i.TaskId));
        Assert.Equal(everything.Items.Select(i => i.DeadlineAt).OrderDescending(), everything.Items.Select(i => i.DeadlineAt));
        Assert.Contains(everything.Items, i => i.ApplicationId == apps[2].Id);
        Assert.Equal(0, (await queue.QueryAsync(TestActors.Sato, query with { Scope = ReviewQueueScope.Mine }, None)).Total);
    }

    [Fact]
    public async Task A_revoked_permit_is_invalid_from_that_moment()
    {
        var app = await ReviewedAsync(TestActors.Sato);
        await ScreenAsync(app.Id);
        var vote = Assert.Single(await OpenTasksAsync(app.Id));
        AssertSucceeded(await _workflows.Reviews.VoteAsync(TestActors.For(vote.AssigneeId!), vote.Id, new ReviewSubmission { Recommendation = ReviewDecision.Approve, Checklist = Checklist }, None));
        AssertSucceeded(await _workflows.Reviews.ActAsync(TestActors.Chair, Assert.Single(await OpenTasksAsync(app.Id)).Id, new ReviewAction { Action = "approve", Comment = "ok" }, None));
        var permits = _workflows.Get<PermitService>();
        var permit = (await permits.GetForApplicationAsync(TestActors.Sato, app.Id, None))!;

        AssertSucceeded(await permits.RevokeAsync(TestActors.Chair, permit.Id, "Breach of conditions.", None));

        Assert.Null(await permits.FindValidAsync(permit.Id, None));
        await using var db = await Store.DbAsync();
        var stored = await db.Permits.AsNoTracking().SingleAsync(p => p.Id == permit.Id);
        Assert.Equal(("chair-nakamura", "Breach of conditions."), (stored.RevokedById, stored.RevocationReason));
        Assert.False(stored.IsValidAt(Store.Time.GetUtcNow()));
    }
}
