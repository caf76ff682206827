using Gatekeeper.Data;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Reviews;
using Gatekeeper.Workflows.Definitions;
using Gatekeeper.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Workflows.Tests.Support;

/// <summary>
/// What must hold in the store whatever happened (random actions, restarts, kills): every waiting state
/// has exactly its task slots (none lost, none twice), no open task outside the current step, history
/// without gaps, every fired timer applied exactly once, decisions matching the applications.
/// </summary>
public static class StoreInvariants
{
    public static async Task<IReadOnlyList<string>> ViolationsAsync(GatekeeperDbContext db, WorkflowCatalog catalog, DateTimeOffset now, bool timersSettled)
    {
        var problems = new List<string>();
        var instances = await db.WorkflowInstances.AsNoTracking().ToListAsync();
        var tasks = (await db.WorkflowTasks.AsNoTracking().ToListAsync()).ToLookup(t => t.InstanceId);
        var steps = (await db.WorkflowSteps.AsNoTracking().ToListAsync()).ToLookup(s => s.InstanceId);
        var timers = await db.WorkflowTimers.AsNoTracking().ToListAsync();
        var stored = await db.WorkflowDefinitions.AsNoTracking().ToListAsync();
        var applications = await db.Applications.AsNoTracking().IgnoreAutoIncludes().ToDictionaryAsync(a => a.Id);
        var decisions = (await db.Decisions.AsNoTracking().ToListAsync()).ToLookup(d => d.InstanceId);
        var permits = await db.Permits.AsNoTracking().Select(p => p.ApplicationId).ToListAsync();

        foreach (var i in instances)
        {
            var name = $"{i.Reference} ({i.Id:N})";
            var definition = catalog.FindVersion(i.DefinitionVersion)
                             ?? (stored.FirstOrDefault(d => d.Sha256 == i.DefinitionVersion) is { } s ? catalog.AddVersion(s.FileName, s.Sha256, s.Source) : null);
            if (definition is null)
            {
                problems.Add($"{name}: definition version {i.DefinitionVersion} is neither loaded nor stored");
                continue;
            }

            var sequence = steps[i.Id].Select(s => s.Sequence).Order().ToList();
            if (!sequence.SequenceEqual(Enumerable.Range(1, i.StepCount)))
                problems.Add($"{name}: history {string.Join(",", sequence)} is not 1..{i.StepCount}");

            var own = tasks[i.Id].ToList();
            foreach (var stray in own.Where(t => t.Status == WorkflowTaskStatus.Open && (i.Status != WorkflowInstanceStatus.Running || t.Visit != i.Visit)))
                problems.Add($"{name}: task {stray.Id:N} of {stray.State} (visit {stray.Visit}) is open but the instance is {i.Status} in {i.State} (visit {i.Visit})");
            foreach (var dup in own.GroupBy(t => (t.Visit, t.Slot)).Where(g => g.Count() > 1))
                problems.Add($"{name}: slot {dup.Key.Slot} of visit {dup.Key.Visit} exists {dup.Count()} times");

            var state = definition.Find(i.State);
            if (state is null)
            {
                problems.Add($"{name}: unknown state {i.State}");
                continue;
            }

            if (i.Status == WorkflowInstanceStatus.Running && state.Task is { } task)
            {
                var current = own.Where(t => t.Visit == i.Visit).ToList();
                var expected = task.Assignees == 0 ? Math.Max(1, current.Count) : task.Assignees;
                if (!current.Select(t => t.Slot).Order().SequenceEqual(Enumerable.Range(0, expected)))
                    problems.Add($"{name}: {i.State} has slots [{string.Join(",", current.Select(t => t.Slot))}], expected 0..{expected - 1}");
                if (!current.Any(t => t.Status == WorkflowTaskStatus.Open))
                    problems.Add($"{name}: waits in {i.State} but has no open task");
                if (current.Any(t => t.Status == WorkflowTaskStatus.Cancelled))
                    problems.Add($"{name}: a task of the current step was cancelled");
            }

            if (i.Status == WorkflowInstanceStatus.Running && state.Terminal) problems.Add($"{name}: running in terminal state {i.State}");
            if (i.Status == WorkflowInstanceStatus.Completed && !state.Terminal) problems.Add($"{name}: completed in non-terminal state {i.State}");

            foreach (var open in own.Where(t => t.Status == WorkflowTaskStatus.Open && t.DueAt is not null))
            {
                if (!timers.Any(t => t.TaskId == open.Id && t.Kind == WorkflowTimerKind.TaskEscalation && t.Status != WorkflowTimerStatus.Cancelled))
                    problems.Add($"{name}: open task {open.Id:N} with a due date has no escalation timer");
            }

            if (i.SubjectType == WorkflowSubjects.Application && applications.TryGetValue(i.SubjectId, out var app))
            {
                var decision = decisions[i.Id].ToList();
                if (decision.Count > 1) problems.Add($"{name}: {decision.Count} decisions");
                var approved = i.Outcome is "approved" or "approved-with-conditions";
                if (approved != (app.Status == ApplicationStatus.Approved)) problems.Add($"{name}: outcome {i.Outcome} but application {app.Status}");
                if (approved != permits.Contains(app.Id)) problems.Add($"{name}: outcome {i.Outcome} but permit {(permits.Contains(app.Id) ? "issued" : "missing")}");
                if ((i.Outcome == "rejected") != (app.Status == ApplicationStatus.Rejected)) problems.Add($"{name}: outcome {i.Outcome} but application {app.Status}");
                if (approved && decision.SingleOrDefault() is not { Decision: ReviewDecision.Approve or ReviewDecision.ApproveWithConditions })
                    problems.Add($"{name}: approved without an approval decision");
            }
        }

        var timerSteps = instances.SelectMany(i => steps[i.Id]).Where(s => s.TimerId is not null).GroupBy(s => s.TimerId!.Value).ToDictionary(g => g.Key, g => g.Count());
        foreach (var timer in timers)
        {
            var applied = timerSteps.GetValueOrDefault(timer.Id);
            if (timer.Status == WorkflowTimerStatus.Fired && applied != 1) problems.Add($"timer {timer.Id:N} ({timer.Kind}) fired but applied {applied} times");
            if (timer.Status != WorkflowTimerStatus.Fired && applied != 0) problems.Add($"timer {timer.Id:N} ({timer.Kind}) is {timer.Status} but applied {applied} times");
            if (timersSettled && timer.Status == WorkflowTimerStatus.Pending && timer.DueAt <= now) problems.Add($"timer {timer.Id:N} ({timer.Kind}) due {timer.DueAt:u} never fired");
        }

        return problems;
    }
}
