using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Gatekeeper.Data.Workflows;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Reviews;
using Gatekeeper.Testing;
using Gatekeeper.Workflows.Definitions;
using Gatekeeper.Workflows.Engine;
using Gatekeeper.Workflows.Runtime;
using Gatekeeper.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Workflows.Tests.Store;

/// <summary>
/// FsCheck generates sequences of what people and time do to a review — act or vote (with any choice),
/// act twice at once, let days pass (timers fire), extend the deadline, resubmit a revision, restart
/// the process — and after every command the store must satisfy <see cref="StoreInvariants"/>: no task
/// lost or duplicated, no timer applied twice or left unfired, history without gaps.
/// </summary>
public sealed class EnginePropertyTests : IAsyncLifetime
{
    private TestStore _store = null!;
    private WorkflowHost _host = null!;

    public enum Op
    {
        Act,
        ActTwiceAtOnce,
        PassDays,
        Extend,
        Resubmit,
        Restart,
    }

    public sealed record Command(Op Op, int Choice);

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(Data.DatabaseProvider.Sqlite);
        _host = WorkflowHost.Over(_store);
        await new ReviewScenario(_host).AddPersonAsync("reviewer-third", "elsi-board", Roles.ElsiReviewer);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _store.DisposeAsync();
    }

    private static Gen<Command> Commands() =>
        from op in Gen.Frequency(
            (10, Gen.Constant(Op.Act)), (2, Gen.Constant(Op.ActTwiceAtOnce)), (3, Gen.Constant(Op.PassDays)),
            (1, Gen.Constant(Op.Extend)), (1, Gen.Constant(Op.Resubmit)), (2, Gen.Constant(Op.Restart)))
        from choice in Gen.Choose(0, 40)
        select new Command(op, choice);

    [Property(MaxTest = 20, EndSize = 14)]
    public Property Random_actions_timers_and_restarts_never_lose_or_duplicate_a_task() =>
        Prop.ForAll(Gen.ListOf(Commands()).Select(c => c.ToArray()).ToArbitrary(), Gen.Elements(false, true).ToArbitrary(), (commands, highRisk) =>
            Task.Run(() => RunAsync(commands, highRisk)).GetAwaiter().GetResult());

    private async Task<bool> RunAsync(Command[] commands, bool highRisk)
    {
        var applicant = highRisk ? TestActors.Suzuki : TestActors.Sato;
        var app = await new ReviewScenario(_host).SubmitAsync(applicant,
            c => highRisk ? c with { RequestedTier = OutputTier.PseudonymisedMicrodata } : c);
        var log = new List<string>();
        foreach (var command in commands)
        {
            log.Add($"{command.Op}({command.Choice})");
            switch (command.Op)
            {
                case Op.Act:
                    await ActAsync(app.Id, command.Choice);
                    break;
                case Op.ActTwiceAtOnce:
                    await Task.WhenAll(Task.Run(() => ActAsync(app.Id, command.Choice)), Task.Run(() => ActAsync(app.Id, command.Choice)));
                    break;
                case Op.PassDays:
                    _store.Time.Advance(TimeSpan.FromDays(1 + command.Choice));
                    await _host.Get<WorkflowMaintenance>().RunOnceAsync(CancellationToken.None);
                    break;
                case Op.Extend:
                    var instance = await new ReviewScenario(_host).InstanceAsync(app.Id);
                    await _host.Reviews.ExtendDeadlineAsync(TestActors.Chair, instance.Id, "More time for an external opinion.", CancellationToken.None);
                    break;
                case Op.Resubmit:
                    if ((await new ReviewScenario(_host).ApplicationAsync(app.Id)).Status == ApplicationStatus.Submitted)
                    {
                        var scenario = new ReviewScenario(_host);
                        app = await scenario.ReviseAsync(applicant, app.Id,
                            c => c with { Safeguards = c.Safeguards + " Revised.", PeriodStart = scenario.Today, PeriodEnd = scenario.Today.AddMonths(12) });
                    }

                    break;
                case Op.Restart:
                    await _host.DisposeAsync();
                    _host = WorkflowHost.Over(_store);
                    break;
            }

            await using var db = await _host.DbAsync();
            var violations = await StoreInvariants.ViolationsAsync(db, _host.Runtime.Catalog, _store.Time.GetUtcNow(), timersSettled: command.Op == Op.PassDays);
            Assert.True(violations.Count == 0, $"After {string.Join(" ", log)}:{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
        }

        return true;
    }

    /// <summary>The person holding an open task of the application does something their task allows (the choice picks what).</summary>
    private async Task ActAsync(Guid applicationId, int choice)
    {
        WorkflowTask? task;
        await using (var db = await _host.DbAsync())
        {
            var open = await db.WorkflowTasks.AsNoTracking().Where(t => t.ApplicationId == applicationId && t.Status == WorkflowTaskStatus.Open)
                .OrderBy(t => t.Slot).ToListAsync();
            task = open.Count == 0 ? null : open[choice % open.Count];
        }

        if (task?.AssigneeId is not { } assignee) return;
        var actor = Person(assignee);
        if (task.Kind == TaskKind.Vote)
        {
            var recommendation = (ReviewDecision)(choice % 4 == 3 ? 3 : choice % 3 == 0 ? 1 : 0);
            await _host.Reviews.VoteAsync(actor, task.Id, new ReviewSubmission
            {
                Recommendation = recommendation, Checklist = Checklists.AllSatisfied, Comments = "Reviewed.",
                Conditions = recommendation == ReviewDecision.ApproveWithConditions ? ["Aggregate outputs only."] : [],
            }, CancellationToken.None);
            return;
        }

        var detail = await _host.Reviews.GetReviewAsync(actor, task.InstanceId, CancellationToken.None);
        var actions = detail?.Actions.Where(a => a.TaskId == task.Id && a.Kind == AvailableAction.ActionKind && a.BlockedBy is null).ToList() ?? [];
        if (actions.Count == 0) return;
        var action = actions[choice % actions.Count];
        await _host.Reviews.ActAsync(actor, task.Id, new ReviewAction
        {
            Action = action.Name, Comment = "Decided after review.",
            Conditions = action.Decision == "approve-with-conditions" ? ["Cells of 10 or more."] : [],
        }, CancellationToken.None);
    }

    private static Actor Person(string userId) =>
        userId == "reviewer-third"
            ? new Actor(userId, "Test reviewer-third", "reviewer-third@example.org", "elsi-board", new HashSet<string> { Roles.ElsiReviewer })
            : TestActors.For(userId);
}
