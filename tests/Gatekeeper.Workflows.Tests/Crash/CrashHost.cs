using Gatekeeper.Data;
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

namespace Gatekeeper.Workflows.Tests.Crash;

/// <summary>
/// The child process of the crash test: builds the product's services over a SQLite store (as the
/// portal's process would) and works reviews at random — submissions, screening, votes (sometimes two
/// at once), decisions, revisions, the timer service — until it is killed.
/// </summary>
public static class CrashHost
{
    public const string Command = "crash-host";
    public const string Ready = "ready";

    public static async Task<int> RunAsync(string[] args)
    {
        var (dataFolder, clockFile, seed) = (args[0], args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
        var random = new Random(seed);
        await using var host = WorkflowHost.Build(dataFolder, DatabaseProvider.Sqlite, null, AcceleratedClock.Load(clockFile));
        await KeepApplicantsAccreditedAsync(host);
        var scenario = new ReviewScenario(host);
        Console.WriteLine(Ready);
        for (var op = 0; op < 5000; op++)
        {
            var roll = random.Next(100);
            if (roll < 12)
            {
                var high = random.Next(3) == 0;
                await scenario.SubmitAsync(high ? TestActors.Suzuki : TestActors.Sato,
                    c => high ? c with { RequestedTier = OutputTier.PseudonymisedMicrodata } : c, startReview: random.Next(2) == 0);
            }
            else if (roll < 70)
            {
                await ActOnRandomTaskAsync(host, random.Next());
            }
            else if (roll < 80)
            {
                var choice = random.Next();
                await Task.WhenAll(Task.Run(() => ActOnRandomTaskAsync(host, choice)), Task.Run(() => ActOnRandomTaskAsync(host, choice)));
            }
            else if (roll < 95)
            {
                await host.Get<WorkflowMaintenance>().RunOnceAsync(CancellationToken.None);
            }
            else
            {
                await ResubmitOneAsync(host, scenario);
            }

            Console.WriteLine($"op {op}");
        }

        return 0;
    }

    private static async Task ActOnRandomTaskAsync(WorkflowHost host, int choice)
    {
        WorkflowTask? task;
        await using (var db = await host.DbAsync())
        {
            var open = await db.WorkflowTasks.AsNoTracking().Where(t => t.Status == WorkflowTaskStatus.Open && t.AssigneeId != null)
                .OrderBy(t => t.Id).Select(t => t.Id).ToListAsync();
            if (open.Count == 0) return;
            var id = open[choice % open.Count];
            task = await db.WorkflowTasks.AsNoTracking().FirstAsync(t => t.Id == id);
        }

        var actor = Person(task.AssigneeId!);
        if (task.Kind == TaskKind.Vote)
        {
            var recommendation = choice % 5 == 0 ? ReviewDecision.Reject : choice % 3 == 0 ? ReviewDecision.ApproveWithConditions : ReviewDecision.Approve;
            await host.Reviews.VoteAsync(actor, task.Id, new ReviewSubmission
            {
                Recommendation = recommendation, Checklist = Checklists.AllSatisfied, Comments = "Reviewed.",
                Conditions = recommendation == ReviewDecision.ApproveWithConditions ? ["Aggregate outputs only."] : [],
            }, CancellationToken.None);
            return;
        }

        var detail = await host.Reviews.GetReviewAsync(actor, task.InstanceId, CancellationToken.None);
        var actions = detail?.Actions.Where(a => a.TaskId == task.Id && a.Kind == AvailableAction.ActionKind && a.BlockedBy is null).ToList() ?? [];
        if (actions.Count == 0) return;
        var action = actions[choice % actions.Count];
        await host.Reviews.ActAsync(actor, task.Id, new ReviewAction
        {
            Action = action.Name, Comment = "Decided after review.",
            Conditions = action.Decision == "approve-with-conditions" ? ["Cells of 10 or more."] : [],
        }, CancellationToken.None);
    }

    private static async Task ResubmitOneAsync(WorkflowHost host, ReviewScenario scenario)
    {
        Guid? waiting;
        string? applicant;
        await using (var db = await host.DbAsync())
        {
            var row = await db.WorkflowInstances.AsNoTracking()
                .Where(i => i.State == "awaiting_revision" && i.Status == WorkflowInstanceStatus.Running)
                .Select(i => new { i.SubjectId, i.ApplicantId }).FirstOrDefaultAsync();
            (waiting, applicant) = (row?.SubjectId, row?.ApplicantId);
            if (waiting is not null && await db.Applications.AnyAsync(a => a.PreviousVersionId == waiting)) return;
        }

        if (waiting is null) return;
        // Time runs fast here: the revision also moves the study period, which must still lie ahead.
        await scenario.ReviseAsync(TestActors.For(applicant!), waiting.Value,
            c => c with { Safeguards = c.Safeguards + " Revised.", PeriodStart = scenario.Today, PeriodEnd = scenario.Today.AddMonths(12) });
    }

    public static Actor Person(string userId) =>
        userId == "reviewer-third"
            ? new Actor(userId, "Test reviewer-third", "reviewer-third@example.org", "elsi-board", new HashSet<string> { Roles.ElsiReviewer })
            : TestActors.For(userId);

    /// <summary>
    /// The fast clock runs years of gatekeeper time on a slow machine, past the demo accreditations' expiry;
    /// the applicants get records valid to 2100 so submissions stay possible (once, whatever the restarts).
    /// </summary>
    private static async Task KeepApplicantsAccreditedAsync(WorkflowHost host)
    {
        await using var db = await host.DbAsync();
        var until = new DateOnly(2100, 12, 31);
        var applicants = new[] { TestActors.Sato.UserId, TestActors.Suzuki.UserId };
        var current = await db.Accreditations.Where(a => applicants.Contains(a.UserId)).ToListAsync();
        var missing = current.Where(a => a.ValidUntil < until).Select(a => (a.UserId, a.Kind)).Distinct()
            .Where(k => !current.Any(a => a.UserId == k.UserId && a.Kind == k.Kind && a.ValidUntil == until)).ToList();
        foreach (var (userId, kind) in missing)
        {
            db.Accreditations.Add(new Gatekeeper.Domain.Accreditation.Accreditation
            {
                UserId = userId, Kind = kind, ValidFrom = new DateOnly(2020, 1, 1), ValidUntil = until, Issuer = "crash test",
                RecordedAt = DateTimeOffset.UnixEpoch, RecordedBy = "crash-test",
            });
        }

        await db.SaveChangesAsync();
    }
}
