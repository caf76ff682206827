using Gatekeeper.Domain.Common;
using Gatekeeper.Workflows.Engine;
using Gatekeeper.Workflows.Runtime;
using Gatekeeper.Workflows.Tests.Support;
using static Gatekeeper.Workflows.Tests.Support.EngineRig;

namespace Gatekeeper.Workflows.Tests.Engine;

/// <summary>SLA reminders and escalation, the deadline and its one extension, timeouts — on a moving clock.</summary>
public sealed class TimerTests
{
    private static readonly Gatekeeper.Workflows.Definitions.WorkflowDefinition Mini = Support.Definitions.Parse(Support.Definitions.Minimal);

    [Fact]
    public void A_task_is_reminded_after_seven_days_and_escalated_to_the_chair_at_its_due_date()
    {
        var rig = new EngineRig(Mini).Start();
        var start = rig.Now;
        var task = rig.OpenTaskOf("steward-ito");

        Assert.Equal(0, rig.AdvanceTo(start.AddDays(7).AddSeconds(-1)));
        Assert.Equal(1, rig.AdvanceTo(start.AddDays(7)));
        Assert.Contains(rig.Notifications, n => n is { UserId: "steward-ito", Kind: NotificationKinds.TaskReminder });
        Assert.Equal(WorkflowStepKind.Reminder, rig.Steps[^1].Kind);
        Assert.False(task.Escalated);

        Assert.Equal(1, rig.AdvanceTo(start.AddDays(10)));
        Assert.True(task.Escalated);
        Assert.Contains(rig.Notifications, n => n is { UserId: "chair-nakamura", Kind: NotificationKinds.TaskEscalated });
        Assert.Equal(WorkflowStepKind.Escalated, rig.Steps[^1].Kind);
        Assert.Equal(WorkflowTaskStatus.Open, task.Status);
    }

    [Fact]
    public void A_timer_fires_once_however_often_it_is_handed_to_the_engine()
    {
        var rig = new EngineRig(Mini).Start();
        var reminder = rig.Timers.Single(t => t.Kind == WorkflowTimerKind.TaskReminder);
        rig.Now = reminder.DueAt;

        for (var i = 0; i < 3; i++) rig.Do(s => { s.FireTimer(reminder); return DomainResult.Ok; });

        Assert.Equal(WorkflowTimerStatus.Fired, reminder.Status);
        Assert.Single(rig.Steps, s => s.TimerId == reminder.Id);
        Assert.Single(rig.Notifications, n => n.Kind == NotificationKinds.TaskReminder);
    }

    [Fact]
    public void Timers_of_a_state_that_was_left_are_voided_and_have_no_effect()
    {
        var rig = new EngineRig(Mini).Start();
        Ok(rig.Do(s => s.Act(Steward, rig.OpenTaskOf("steward-ito").Id, "accept", null)));

        var screeningTimers = rig.Timers.Where(t => t.Kind is WorkflowTimerKind.TaskReminder or WorkflowTimerKind.TaskEscalation).ToList();
        Assert.Equal(2, screeningTimers.Count);
        Assert.All(screeningTimers, t => Assert.Equal(WorkflowTimerStatus.Cancelled, t.Status));
        rig.AdvanceTo(rig.Now.AddDays(11));
        Assert.DoesNotContain(rig.Steps, s => s.Kind is WorkflowStepKind.Reminder or WorkflowStepKind.Escalated);
    }

    [Fact]
    public void The_deadline_warns_fourteen_days_before_and_marks_the_review_overdue_when_it_passes()
    {
        var rig = new EngineRig(Mini).Start();
        Ok(rig.Do(s => s.Act(Steward, rig.OpenTaskOf("steward-ito").Id, "accept", null)));
        var deadline = rig.Instance.DeadlineAt!.Value;

        rig.AdvanceTo(deadline.AddDays(-14));
        Assert.Contains(rig.Notifications, n => n is { UserId: "reviewer-watanabe", Kind: NotificationKinds.DeadlineWarning });
        Assert.False(rig.Instance.Overdue);

        rig.AdvanceTo(deadline);
        Assert.True(rig.Instance.Overdue);
        Assert.Contains(rig.Notifications, n => n is { UserId: "chair-nakamura", Kind: NotificationKinds.DeadlineMissed });
        Assert.True(rig.Session().Facts().GetBoolean("deadline.overdue"));
    }

    [Fact]
    public void The_chair_extends_the_deadline_once_by_three_months_with_a_reason_the_applicant_is_told()
    {
        var rig = new EngineRig(Mini).Start();
        var original = rig.Instance.DeadlineAt!.Value;

        Refused(rig.Do(s => s.ExtendDeadline(Steward, "Busy.")), "role-required");
        Refused(rig.Do(s => s.ExtendDeadline(Chair, " ")), "comment-required");
        Ok(rig.Do(s => s.ExtendDeadline(Chair, "Complex linkage needs an external opinion.")));
        Refused(rig.Do(s => s.ExtendDeadline(Chair, "Again.")), "already-extended");

        Assert.Equal(original.AddMonths(3), rig.Instance.DeadlineAt);
        Assert.Equal(1, rig.Instance.DeadlineExtensions);
        var told = Assert.Single(rig.Notifications, n => n.Kind == NotificationKinds.DeadlineExtended);
        Assert.Equal((ApplicantId, "Complex linkage needs an external opinion."), (told.UserId, told.Args["reason"]));
        Assert.All(rig.Timers.Where(t => t.Kind == WorkflowTimerKind.Deadline && t.DueAt == original), t => Assert.Equal(WorkflowTimerStatus.Cancelled, t.Status));
        Assert.Single(rig.Timers, t => t is { Kind: WorkflowTimerKind.Deadline, Status: WorkflowTimerStatus.Pending } && t.DueAt == original.AddMonths(3));

        rig.AdvanceTo(original.AddDays(1));
        Assert.False(rig.Instance.Overdue);
        Assert.Equal(original.AddMonths(3), rig.OpenTaskOf("steward-ito").DeadlineAt);
    }

    [Fact]
    public void Waiting_for_the_researcher_stops_the_clock_and_lapses_after_six_months()
    {
        var rig = new EngineRig(Mini).Start();
        Ok(rig.Do(s => s.Act(Steward, rig.OpenTaskOf("steward-ito").Id, "return", "The protocol is missing.")));
        Assert.Equal("waiting", rig.Instance.State);
        Assert.DoesNotContain(rig.Timers, t => t.Kind is WorkflowTimerKind.Deadline or WorkflowTimerKind.DeadlineWarning && t.Status == WorkflowTimerStatus.Pending);

        rig.AdvanceTo(rig.Now.AddMonths(6).AddSeconds(-1));
        Assert.Equal("waiting", rig.Instance.State);
        Assert.False(rig.Instance.Overdue);
        rig.AdvanceTo(rig.Now.AddSeconds(1));

        Assert.Equal((WorkflowInstanceStatus.Completed, "lapsed"), (rig.Instance.Status, rig.Instance.Outcome));
        Assert.Equal(("waiting", "lapsed", "timeout"), (rig.Steps[^1].FromState, rig.Steps[^1].ToState, rig.Steps[^1].Trigger));
        Assert.NotNull(rig.Steps[^1].TimerId);
    }

    [Fact]
    public void A_resubmission_ends_the_wait_before_the_timeout()
    {
        var rig = new EngineRig(Mini).Start();
        Ok(rig.Do(s => s.Act(Steward, rig.OpenTaskOf("steward-ito").Id, "return", "Incomplete.")));

        Ok(rig.Do(s => s.FireSystem("resubmitted", "Version 2 was submitted.")));
        rig.AdvanceTo(rig.Now.AddYears(1));

        Assert.Equal("rejected", rig.Instance.State);
        Assert.All(rig.Timers, t => Assert.NotEqual(WorkflowTimerStatus.Pending, t.Status));
        Assert.DoesNotContain(rig.Steps, s => s.Trigger == "timeout");
    }

    [Fact]
    public void Cancelling_voids_open_tasks_and_every_pending_timer()
    {
        var rig = new EngineRig(Mini).Start();

        Ok(rig.Do(s => s.Cancel(null, "Withdrawn by the applicant.")));

        Assert.Equal(WorkflowInstanceStatus.Cancelled, rig.Instance.Status);
        Assert.Empty(rig.Open());
        Assert.All(rig.Timers, t => Assert.Equal(WorkflowTimerStatus.Cancelled, t.Status));
        Refused(rig.Do(s => s.Cancel(null, "again")), "instance-closed");
    }
}
