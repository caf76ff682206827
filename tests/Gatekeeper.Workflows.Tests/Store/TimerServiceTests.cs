using Gatekeeper.Data.Applications;
using Gatekeeper.Data.Workflows;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Testing;
using Gatekeeper.Workflows.Engine;
using Gatekeeper.Workflows.Notifications;
using Gatekeeper.Workflows.Runtime;
using Gatekeeper.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Gatekeeper.Workflows.Tests.Support.ReviewScenario;

namespace Gatekeeper.Workflows.Tests.Store;

/// <summary>The timer service on the store with a fake clock: reminders, escalation, deadline, timeouts, exactly once; the start-up sweep; the mail outbox.</summary>
public sealed class TimerServiceTests : IAsyncLifetime
{
    private static CancellationToken None => CancellationToken.None;

    private TestStore _store = null!;
    private WorkflowHost _host = null!;

    private ReviewScenario Scenario => new(_host);

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(Data.DatabaseProvider.Sqlite);
        _host = WorkflowHost.Over(_store);
        // The seeded demo application is submitted without a review: the first pass starts it.
        await _host.Get<WorkflowMaintenance>().RunOnceAsync(None);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task The_steward_is_reminded_after_seven_days_and_the_task_escalated_to_the_chair_after_ten()
    {
        var app = await Scenario.SubmitAsync(TestActors.Sato);
        var maintenance = _host.Get<WorkflowMaintenance>();

        _store.Time.Advance(TimeSpan.FromDays(7));
        Assert.True((await maintenance.RunOnceAsync(None)).TimersFired >= 1);
        await using (var db = await _host.DbAsync())
        {
            Assert.True(await db.Notifications.AnyAsync(n => n.UserId == "steward-ito" && n.Kind == NotificationKinds.TaskReminder && n.Reference == app.Reference));
            Assert.False((await db.WorkflowTasks.SingleAsync(t => t.ApplicationId == app.Id)).Escalated);
        }

        _store.Time.Advance(TimeSpan.FromDays(3));
        await maintenance.RunOnceAsync(None);
        Assert.Equal(0, (await maintenance.RunOnceAsync(None)).TimersFired);

        await using (var db = await _host.DbAsync())
        {
            Assert.True((await db.WorkflowTasks.SingleAsync(t => t.ApplicationId == app.Id)).Escalated);
            Assert.True(await db.Notifications.AnyAsync(n => n.UserId == "chair-nakamura" && n.Kind == NotificationKinds.TaskEscalated && n.Reference == app.Reference));
            var instance = await Scenario.InstanceAsync(app.Id);
            var kinds = await db.WorkflowSteps.Where(s => s.InstanceId == instance.Id).OrderBy(s => s.Sequence).Select(s => s.Kind).ToListAsync();
            Assert.Equal([WorkflowStepKind.Started, WorkflowStepKind.Reminder, WorkflowStepKind.Escalated], kinds);
        }
    }

    [Fact]
    public async Task Two_timer_services_racing_over_the_same_store_fire_each_due_timer_exactly_once()
    {
        var apps = new List<SecondaryUseApplication>();
        for (var i = 0; i < 4; i++) apps.Add(await Scenario.SubmitAsync(TestActors.Sato));
        _store.Time.Advance(TimeSpan.FromDays(11));
        await using var second = WorkflowHost.Over(_store);

        var results = await Task.WhenAll(
            Task.Run(() => _host.Runtime.FireDueTimersAsync(None)),
            Task.Run(() => second.Runtime.FireDueTimersAsync(None)),
            Task.Run(() => _host.Runtime.FireDueTimersAsync(None)));

        await using var db = await _host.DbAsync();
        var instances = await db.WorkflowInstances.Where(i => apps.Select(a => a.Id).Contains(i.SubjectId)).Select(i => i.Id).ToListAsync();
        var timers = await db.WorkflowTimers.AsNoTracking().Where(t => instances.Contains(t.InstanceId) && t.DueAt <= _store.Time.GetUtcNow()).ToListAsync();
        Assert.Equal(8, timers.Count);
        Assert.All(timers, t => Assert.Equal(WorkflowTimerStatus.Fired, t.Status));
        var timerSteps = await db.WorkflowSteps.AsNoTracking().Where(s => s.TimerId != null && instances.Contains(s.InstanceId)).ToListAsync();
        Assert.Equal(timers.Select(t => t.Id).Order(), timerSteps.Select(s => s.TimerId!.Value).Order());
        Assert.True(results.Sum() >= 8);
        Assert.Equal(4, await db.Notifications.CountAsync(n => n.Kind == NotificationKinds.TaskReminder && apps.Select(a => a.Reference).Contains(n.Reference)));
    }

    [Fact]
    public async Task The_deadline_is_missed_after_three_months_unless_the_chair_extends_it_once()
    {
        var late = await Scenario.SubmitAsync(TestActors.Sato);
        var extended = await Scenario.SubmitAsync(TestActors.Sato);
        var extendedInstance = await Scenario.InstanceAsync(extended.Id);
        Ok(await Scenario.Reviews.ExtendDeadlineAsync(TestActors.Chair, extendedInstance.Id, "External legal opinion requested.", None));
        Refused(await Scenario.Reviews.ExtendDeadlineAsync(TestActors.Chair, extendedInstance.Id, "Again.", None), "already-extended");

        _store.Time.Advance(TimeSpan.FromDays(93));
        await _host.Get<WorkflowMaintenance>().RunOnceAsync(None);

        Assert.True((await Scenario.InstanceAsync(late.Id)).Overdue);
        var stillOnTime = await Scenario.InstanceAsync(extended.Id);
        Assert.False(stillOnTime.Overdue);
        Assert.Equal(extended.SubmittedAt!.Value.AddMonths(6), stillOnTime.DeadlineAt);
        Assert.Equal(stillOnTime.DeadlineAt, (await Scenario.TasksAsync(extended.Id)).Single().DeadlineAt);
        var status = (await Scenario.Reviews.GetStatusAsync(TestActors.Sato, extended.Id, None))!;
        Assert.True(status.DeadlineExtended);
        await using var db = await _host.DbAsync();
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == "researcher-sato" && n.Kind == NotificationKinds.DeadlineExtended && n.ApplicationId == extended.Id));
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == "steward-ito" && n.Kind == NotificationKinds.DeadlineWarning && n.Reference == late.Reference));
    }

    [Fact]
    public async Task An_application_left_for_revision_lapses_after_six_months()
    {
        var app = await Scenario.SubmitAsync(TestActors.Sato);
        var task = await Scenario.TaskOfAsync(app.Id, "steward-ito");
        Ok(await Scenario.Reviews.ActAsync(TestActors.Steward, task.Id, new ReviewAction { Action = "return", Comment = "Add the protocol." }, None));

        _store.Time.Advance(TimeSpan.FromDays(184));
        await _host.Get<WorkflowMaintenance>().RunOnceAsync(None);

        var instance = await Scenario.InstanceAsync(app.Id);
        Assert.Equal(("lapsed", WorkflowInstanceStatus.Completed), (instance.Outcome, instance.Status));
        Assert.False(instance.Overdue);
    }

    [Fact]
    public async Task The_sweep_starts_a_review_the_submission_did_not_and_ends_the_review_of_a_withdrawn_application()
    {
        var unstarted = await Scenario.SubmitAsync(TestActors.Sato, startReview: false);
        var withdrawn = await Scenario.SubmitAsync(TestActors.Sato);
        var current = await Scenario.ApplicationAsync(withdrawn.Id);
        Ok(await _host.Get<ApplicationService>().WithdrawAsync(TestActors.Sato, withdrawn.Id, "Funding ended.", current.ConcurrencyStamp, None));

        var result = await _host.Get<WorkflowMaintenance>().RunOnceAsync(None);

        Assert.True(result.ReviewsReconciled >= 2);
        Assert.Equal("screening", (await Scenario.InstanceAsync(unstarted.Id)).State);
        var ended = await Scenario.InstanceAsync(withdrawn.Id);
        Assert.Equal(WorkflowInstanceStatus.Cancelled, ended.Status);
        Assert.Empty(await Scenario.TasksAsync(withdrawn.Id));
        Assert.Equal(0, (await _host.Get<WorkflowMaintenance>().RunOnceAsync(None)).ReviewsReconciled);
    }

    [Fact]
    public async Task Mail_leaves_through_the_pickup_folder_once_per_notification()
    {
        var app = await Scenario.SubmitAsync(TestActors.Sato);

        var result = await _host.Get<WorkflowMaintenance>().RunOnceAsync(None);

        Assert.True(result.MailsSent >= 1);
        await using var db = await _host.DbAsync();
        var assigned = await db.Notifications.SingleAsync(n => n.Reference == app.Reference && n.Kind == NotificationKinds.TaskAssigned);
        Assert.Equal(MailStatus.Sent, assigned.EmailStatus);
        var sender = _host.Get<MailSender>();
        var file = Path.Combine(sender.PickupFolder, $"{assigned.Id:N}.eml");
        var mail = await File.ReadAllTextAsync(file);
        Assert.Contains("ito@hdab.example", mail, StringComparison.Ordinal);
        Assert.Contains($"X-Gatekeeper-Notification: {assigned.Id}", mail, StringComparison.Ordinal);

        await sender.SendAsync(assigned, None);
        Assert.Single(Directory.GetFiles(sender.PickupFolder, $"{assigned.Id:N}*"));
        Assert.Empty(Directory.GetDirectories(Path.Combine(sender.PickupFolder, ".staging")));
    }

    [Fact]
    public async Task A_running_review_stays_on_its_definition_version_when_the_file_changes()
    {
        var folder = Directory.CreateTempSubdirectory("gk-wf-").FullName;
        foreach (var file in Directory.GetFiles(RepositoryPaths.Workflows, "*.yaml")) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        WorkflowInstance before;
        SecondaryUseApplication app;
        await using (var v1 = WorkflowHost.Over(_store, folder))
        {
            app = await new ReviewScenario(v1).SubmitAsync(TestActors.Sato);
            before = await new ReviewScenario(v1).InstanceAsync(app.Id);
        }

        var path = Path.Combine(folder, "secondary-use-review.yaml");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace("sla: P10D", "sla: P5D", StringComparison.Ordinal));
        await using var v2 = WorkflowHost.Over(_store, folder);
        var scenario = new ReviewScenario(v2);
        Assert.NotEqual(before.DefinitionVersion, v2.Runtime.Catalog.Get("secondary-use-review").Sha256);

        await scenario.ScreenAsync(app.Id);
        var later = await scenario.SubmitAsync(TestActors.Sato);

        var pinned = await scenario.InstanceAsync(app.Id);
        Assert.Equal((before.DefinitionVersion, "single_review"), (pinned.DefinitionVersion, pinned.State));
        var fresh = await scenario.InstanceAsync(later.Id);
        Assert.Equal(v2.Runtime.Catalog.Get("secondary-use-review").Sha256, fresh.DefinitionVersion);
        Assert.Equal(fresh.StartedAt.AddDays(5), (await scenario.TasksAsync(later.Id)).Single().DueAt);
        await using var db = await v2.DbAsync();
        Assert.Equal(2, await db.WorkflowDefinitions.CountAsync(d => d.DefinitionId == "secondary-use-review" && (d.Sha256 == before.DefinitionVersion || d.Sha256 == fresh.DefinitionVersion)));
        Directory.Delete(folder, recursive: true);
    }
}
