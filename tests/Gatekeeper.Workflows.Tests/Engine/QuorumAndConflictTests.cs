using Gatekeeper.Domain.Common;
using Gatekeeper.Testing;
using Gatekeeper.Workflows.Definitions;
using Gatekeeper.Workflows.Engine;
using Gatekeeper.Workflows.Guards;
using Gatekeeper.Workflows.Runtime;
using Gatekeeper.Workflows.Tests.Support;
using static Gatekeeper.Workflows.Tests.Support.EngineRig;

namespace Gatekeeper.Workflows.Tests.Engine;

/// <summary>Quorum, conflict of interest, roles and independence, on the engine alone.</summary>
public sealed class QuorumAndConflictTests
{
    private static readonly WorkflowDefinition Mini = Support.Definitions.Parse(Support.Definitions.Minimal);
    private static readonly WorkflowDefinition Shipped = WorkflowCatalog.LoadFolder(RepositoryPaths.Workflows).Get("secondary-use-review");

    private static EngineRig Screened()
    {
        var rig = new EngineRig(Mini).Start();
        Ok(rig.Do(s => s.Act(Steward, rig.OpenTaskOf("steward-ito").Id, "accept", null)));
        return rig;
    }

    [Fact]
    public void A_started_instance_waits_in_screening_with_one_task_for_the_steward()
    {
        var rig = new EngineRig(Mini).Start();

        Assert.Equal(("screening", WorkflowInstanceStatus.Running), (rig.Instance.State, rig.Instance.Status));
        var task = Assert.Single(rig.Open());
        Assert.Equal(("steward-ito", "data-steward", TaskKind.Action), (task.AssigneeId, task.Role, task.Kind));
        Assert.Equal(rig.Now.AddDays(10), task.DueAt);
        Assert.Equal(rig.Now.AddMonths(3), rig.Instance.DeadlineAt);
        Assert.Contains(rig.Notifications, n => n is { UserId: "steward-ito", Kind: NotificationKinds.TaskAssigned });
        Assert.Equal(WorkflowStepKind.Started, Assert.Single(rig.Steps).Kind);
    }

    [Fact]
    public void Two_reviewers_of_the_vote_are_two_different_people_without_a_conflict()
    {
        var rig = new EngineRig(Mini).Add("reviewer-ut", "UT reviewer", ApplicantOrganisation, Roles.ElsiReviewer).Start();
        Ok(rig.Do(s => s.Act(Steward, rig.OpenTaskOf("steward-ito").Id, "accept", null)));

        var votes = rig.Open("review");

        Assert.Equal(2, votes.Count);
        Assert.Equal(["reviewer-watanabe", "reviewer-yamamoto"], votes.Select(v => v.AssigneeId).Order());
        Assert.DoesNotContain(rig.Tasks, t => t.AssigneeId == "reviewer-ut");
    }

    [Fact]
    public void Two_approvals_reach_the_quorum_and_the_chair_can_approve()
    {
        var rig = Screened();
        Ok(rig.Do(s => s.Vote(Watanabe, rig.OpenTaskOf("reviewer-watanabe").Id, "approve", null)));
        Assert.Equal("review", rig.Instance.State);

        Ok(rig.Do(s => s.Vote(Yamamoto, rig.OpenTaskOf("reviewer-yamamoto").Id, "approve", "Proportionate.")));

        Assert.Equal("decision", rig.Instance.State);
        Assert.True(rig.Session().Tally().QuorumMet);
        Ok(rig.Do(s => s.Act(Chair, rig.OpenTaskOf("chair-nakamura").Id, "approve", "Quorum reached; proportionate.")));
        Assert.Equal((WorkflowInstanceStatus.Completed, "approved"), (rig.Instance.Status, rig.Instance.Outcome));
        Assert.Empty(rig.Open());
    }

    [Fact]
    public void Without_the_quorum_the_chair_cannot_approve_but_can_reject()
    {
        var rig = Screened();
        Ok(rig.Do(s => s.Vote(Watanabe, rig.OpenTaskOf("reviewer-watanabe").Id, "reject", "Re-identification risk.")));

        // One reject of two: two approvals can no longer be reached, so the chair decides at once.
        Assert.Equal("decision", rig.Instance.State);
        Assert.Single(rig.Tasks, t => t.State == "review" && t.Status == WorkflowTaskStatus.Cancelled);
        var chairTask = rig.OpenTaskOf("chair-nakamura").Id;
        var actions = rig.Session().ActionsFor(Chair);
        Assert.Equal("votes.quorum_met", actions.Single(a => a.Name == "approve").BlockedBy);
        Refused(rig.Do(s => s.Act(Chair, chairTask, "approve", "I like it.")), "guard-not-met");
        Ok(rig.Do(s => s.Act(Chair, chairTask, "reject", "The panel did not approve.")));
        Assert.Equal("rejected", rig.Instance.Outcome);
    }

    [Fact]
    public void High_risk_goes_to_a_panel_of_three_where_two_approvals_suffice_and_the_third_vote_is_voided()
    {
        var rig = new EngineRig(Shipped).Add("reviewer-third", "Third reviewer", "elsi-board", Roles.ElsiReviewer)
            .Start(new GuardFacts().Set("risk.level", "high").Set("risk.score", 9));
        Ok(rig.Do(s => s.Act(Steward, rig.OpenTaskOf("steward-ito").Id, "accept", null)));
        Assert.Equal("panel_review", rig.Instance.State);
        Assert.Equal(3, rig.Open("panel_review").Count);

        Ok(rig.Do(s => s.Vote(Watanabe, rig.OpenTaskOf("reviewer-watanabe").Id, "approve", null)));
        Ok(rig.Do(s => s.Vote(Yamamoto, rig.OpenTaskOf("reviewer-yamamoto").Id, "approve-with-conditions", "Aggregate only.")));

        Assert.Equal("chair_decision", rig.Instance.State);
        var third = Assert.Single(rig.Tasks, t => t.AssigneeId == "reviewer-third");
        Assert.Equal(WorkflowTaskStatus.Cancelled, third.Status);
        var tally = rig.Session().Tally();
        Assert.Equal((3, 2, 2, 2, true), (tally.Assigned, tally.Cast, tally.For, tally.Quorum, tally.QuorumMet));
    }

    [Fact]
    public void Low_risk_goes_to_one_reviewer_and_the_chair_may_refer_it_to_the_panel()
    {
        var rig = new EngineRig(Shipped).Start(new GuardFacts().Set("risk.level", "low").Set("risk.score", 1));
        Ok(rig.Do(s => s.Act(Steward, rig.OpenTaskOf("steward-ito").Id, "accept", null)));
        Assert.Equal("single_review", rig.Instance.State);
        var reviewer = Assert.Single(rig.Open()).AssigneeId!;
        Ok(rig.Do(s => s.Vote(rig.ActorOf(reviewer), rig.OpenTaskOf(reviewer).Id, "approve", null)));
        Assert.Equal("chair_decision", rig.Instance.State);

        Refused(rig.Do(s => s.Act(Chair, rig.OpenTaskOf("chair-nakamura").Id, "refer_to_panel", null)), "comment-required");
        Ok(rig.Do(s => s.Act(Chair, rig.OpenTaskOf("chair-nakamura").Id, "refer_to_panel", "Linkage deserves the full panel.")));

        Assert.Equal("panel_review", rig.Instance.State);
        Assert.Equal(3, rig.Open("panel_review").Count);
    }

    [Fact]
    public void A_person_with_a_conflict_of_interest_cannot_act_even_when_assigned()
    {
        var rig = new EngineRig(Mini).Add("steward-ut", "UT steward", ApplicantOrganisation, Roles.DataSteward).Start();
        var task = rig.Open().Single();
        task.AssigneeId = "steward-ut";

        Refused(rig.Do(s => s.Act(rig.ActorOf("steward-ut"), task.Id, "accept", null)), "conflict-of-interest");
        Assert.Equal("screening", rig.Instance.State);
    }

    [Fact]
    public void A_team_member_and_the_applicant_are_never_assigned_and_cannot_be_assigned()
    {
        var rig = new EngineRig(Mini).Add("reviewer-partner", "Partner", "kenko-ventures", Roles.ElsiReviewer).Start();
        rig.People[^1] = rig.People[^1] with { Email = TeamEmail };
        Ok(rig.Do(s => s.Act(Steward, rig.OpenTaskOf("steward-ito").Id, "accept", null)));
        Assert.DoesNotContain(rig.Tasks, t => t.AssigneeId == "reviewer-partner");

        var result = rig.Do(s => s.Assign(Chair, rig.OpenTaskOf("reviewer-watanabe").Id, "reviewer-partner"));

        Refused(result, "conflict-of-interest");
        Assert.Equal("team-member", result.Errors[0].Args["conflict"]);
    }

    [Fact]
    public void Only_the_assignee_acts_on_an_assigned_task_and_only_with_an_action_of_their_role()
    {
        var rig = Screened();
        var watanabesTask = rig.OpenTaskOf("reviewer-watanabe").Id;

        Refused(rig.Do(s => s.Vote(Yamamoto, watanabesTask, "approve", null)), "not-assignee");
        Refused(rig.Do(s => s.Act(Watanabe, watanabesTask, "approve", "x")), "wrong-task-kind");
        Refused(rig.Do(s => s.Vote(Watanabe, watanabesTask, "maybe", null)), "unknown-choice");
        Refused(rig.Do(s => s.Vote(Watanabe, Guid.NewGuid(), "approve", null)), "task-not-found");
        Ok(rig.Do(s => s.Vote(Watanabe, watanabesTask, "approve", null)));
        Refused(rig.Do(s => s.Vote(Watanabe, watanabesTask, "approve", null)), "task-closed");
    }

    [Fact]
    public void An_unknown_action_a_system_action_and_a_missing_comment_are_refused()
    {
        var rig = new EngineRig(Mini).Start();
        var task = rig.OpenTaskOf("steward-ito").Id;

        Refused(rig.Do(s => s.Act(Steward, task, "approve", null)), "unknown-action");
        Refused(rig.Do(s => s.Act(Steward, task, "return", "  ")), "comment-required");
        Refused(rig.Do(s => s.FireSystem("accept", null)), "unknown-action");
        Assert.Single(rig.Steps);
    }

    [Fact]
    public void The_chair_who_voted_in_the_review_is_not_given_the_decision()
    {
        var rig = new EngineRig(Mini).Add("chair-and-reviewer", "Both roles", "elsi-board", Roles.ElsiChair, Roles.ElsiReviewer);
        rig.People.RemoveAll(p => p.UserId == "reviewer-yamamoto");
        rig.Start();
        Ok(rig.Do(s => s.Act(Steward, rig.OpenTaskOf("steward-ito").Id, "accept", null)));
        Assert.Contains(rig.Open("review"), t => t.AssigneeId == "chair-and-reviewer");
        Ok(rig.Do(s => s.Vote(Watanabe, rig.OpenTaskOf("reviewer-watanabe").Id, "approve", null)));
        Ok(rig.Do(s => s.Vote(rig.ActorOf("chair-and-reviewer"), rig.OpenTaskOf("chair-and-reviewer").Id, "approve", null)));

        var decision = Assert.Single(rig.Open("decision"));

        Assert.Equal("chair-nakamura", decision.AssigneeId);
        Refused(rig.Do(s => s.Assign(Chair, decision.Id, "chair-and-reviewer")), "not-independent");
    }

    [Fact]
    public void Slots_nobody_can_take_wait_in_the_team_queue_and_are_claimed_or_assigned()
    {
        var rig = new EngineRig(Mini);
        rig.People.RemoveAll(p => p.UserId == "reviewer-yamamoto");
        rig.Start();
        Ok(rig.Do(s => s.Act(Steward, rig.OpenTaskOf("steward-ito").Id, "accept", null)));
        var unassigned = Assert.Single(rig.Open("review"), t => t.AssigneeId is null);
        Assert.Contains(rig.Notifications, n => n is { UserId: "chair-nakamura", Kind: NotificationKinds.TaskInPool });

        Refused(rig.Do(s => s.Assign(Watanabe, unassigned.Id, "reviewer-watanabe")), "not-independent");
        Refused(rig.Do(s => s.Assign(Steward, unassigned.Id, "reviewer-new")), "role-required");
        rig.Add("reviewer-new", "New reviewer", "elsi-board", Roles.ElsiReviewer);
        Ok(rig.Do(s => s.Assign(rig.ActorOf("reviewer-new"), unassigned.Id, "reviewer-new")));

        Assert.Equal("reviewer-new", unassigned.AssigneeId);
        Assert.Equal("claim", rig.Steps[^1].Trigger);
    }

    [Fact]
    public void The_chair_assigns_in_bulk_and_a_reviewer_cannot_hand_out_tasks()
    {
        var rig = Screened().Add("reviewer-new", "New reviewer", "elsi-board", Roles.ElsiReviewer);
        var task = rig.OpenTaskOf("reviewer-yamamoto");

        Refused(rig.Do(s => s.Assign(Watanabe, task.Id, "reviewer-new")), "role-required");
        Ok(rig.Do(s => s.Assign(Chair, task.Id, "reviewer-new")));

        Assert.Equal(("reviewer-new", "New reviewer"), (task.AssigneeId, task.AssigneeName));
        Assert.Contains(rig.Notifications, n => n is { UserId: "reviewer-new", Kind: NotificationKinds.TaskAssigned });
        Assert.Equal((WorkflowStepKind.Assigned, "chair-nakamura"), (rig.Steps[^1].Kind, rig.Steps[^1].ActorId));
    }

    [Fact]
    public void New_tasks_go_to_the_least_loaded_eligible_person()
    {
        var rig = new EngineRig(Mini).Add("steward-two", "Second steward", "gatekeeper-body", Roles.DataSteward);
        var busy = new WorkflowTask
        {
            Id = Guid.NewGuid(), DefinitionId = "mini", State = "screening", Role = Roles.DataSteward, AssigneeId = "steward-ito", Status = WorkflowTaskStatus.Open,
        };
        rig.Tasks.Add(busy);

        rig.Start();

        Assert.Equal("steward-two", Assert.Single(rig.Open("screening"), t => t.Id != busy.Id).AssigneeId);
    }

    [Fact]
    public void Every_step_is_in_the_history_with_a_sequence_without_gaps()
    {
        var rig = Screened();
        Ok(rig.Do(s => s.Vote(Watanabe, rig.OpenTaskOf("reviewer-watanabe").Id, "approve", null)));
        Ok(rig.Do(s => s.Vote(Yamamoto, rig.OpenTaskOf("reviewer-yamamoto").Id, "approve", null)));
        Ok(rig.Do(s => s.Act(Chair, rig.OpenTaskOf("chair-nakamura").Id, "approve", "ok")));

        Assert.Equal(Enumerable.Range(1, rig.Steps.Count), rig.Steps.Select(s => s.Sequence));
        Assert.Equal(rig.Instance.StepCount, rig.Steps.Count);
        Assert.Equal(
            ["start", "accept", "approve", "approve", "auto", "approve"],
            rig.Steps.Select(s => s.Trigger));
        Assert.Equal(["screening", "review", "review", "review", "decision", "approved"], rig.Steps.Select(s => s.ToState));
        Assert.Equal("approve", rig.Transitions[^1].Trigger);
    }
}
