using System.Globalization;
using System.Text.Json;
using Gatekeeper.Audit;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Catalogue;
using Gatekeeper.Data.Permits;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Permits;
using Gatekeeper.Domain.Policies;
using Gatekeeper.Domain.Reviews;
using Gatekeeper.Workflows.Definitions;
using Gatekeeper.Workflows.Engine;
using Gatekeeper.Workflows.Risk;
using Gatekeeper.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Data.Workflows;

/// <summary>
/// The ELSI review of secondary-use applications on the workflow engine (<c>workflows/secondary-use-review.yaml</c>):
/// starting a review when an application is submitted, screening actions, reviews with the ELSI checklist
/// (votes), the chair's decision (which calls the application's <see cref="SecondaryUseApplication.Decide"/>
/// and issues the data permit in the same transaction), deadline extension, the comment thread with the
/// researcher, and the views of a review for the board and for the researcher.
/// </summary>
public sealed class ReviewWorkflowService(
    IDbContextFactory<GatekeeperDbContext> factory,
    WorkflowRuntime runtime,
    CatalogueService catalogue,
    PurposePolicy purposes,
    RiskPolicy risk,
    AuditTrail audit,
    TimeProvider time,
    IOptions<WorkflowOptions> options)
{
    public const string DefinitionId = "secondary-use-review";

    /// <summary>System action of the waiting state fired when the researcher submits the revised version.</summary>
    public const string ResubmittedAction = "resubmitted";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly HashSet<string> BoardRoles = [Roles.DataSteward, Roles.ElsiReviewer, Roles.ElsiChair, Roles.CertifiedOperator, Roles.Admin];

    /// <summary>
    /// Starts the review of a submitted application in its own transaction (call it right after
    /// <c>ApplicationService.SubmitAsync</c> succeeds). Idempotent; the background service also starts any
    /// submitted application that has no review yet, so a crash between the two calls loses nothing.
    /// </summary>
    public async Task<DomainResult<WorkflowInstance>> StartReviewAsync(Guid applicationId, Actor? submittedBy, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == applicationId, cancellationToken);
            if (application is null) return WorkflowRuntime.NotFound<WorkflowInstance>("applicationId", "No such application.");
            try
            {
                var result = await StartReviewAsync(db, application, submittedBy, cancellationToken);
                if (!result.Succeeded) return result;
                await db.SaveChangesAsync(cancellationToken);
                await tx.CommitAsync(cancellationToken);
                return result;
            }
            catch (DbUpdateException ex) when (attempt < WorkflowRuntime.MaxAttempts && (ex is DbUpdateConcurrencyException || StoreErrors.IsUniqueViolation(ex)))
            {
                // A concurrent start (the sweep, a retry) won; the next attempt finds its instance.
            }
        }
    }

    /// <summary>
    /// Starts the review inside the caller's open transaction on <paramref name="db"/> (e.g. the one that
    /// submits the application), so submission and review start commit together. A revision's start ends
    /// the previous version's review (resubmitted, or cancelled if it was still under review).
    /// </summary>
    public async Task<DomainResult<WorkflowInstance>> StartReviewAsync(GatekeeperDbContext db, SecondaryUseApplication application, Actor? submittedBy, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("A review starts inside the transaction of the submission.");
        if (application.Status != ApplicationStatus.Submitted)
            return DomainResult<WorkflowInstance>.Fail([ValidationError.Create("status", "not-submitted", $"A {application.Status} application is not reviewed.", ("status", application.Status))]);

        var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == application.OrganisationId, cancellationToken);
        var facts = ApplicationFacts.Of(application, await catalogue.SnapshotAsync(cancellationToken), purposes, organisation);
        var assessment = RiskScorer.Assess(risk, facts);
        var instance = await runtime.StartInAsync(db, runtime.Catalog.Get(DefinitionId), application.Id, application, RiskScorer.WithRisk(facts, assessment), i =>
        {
            i.RiskScore = assessment.Score;
            i.RiskLevel = assessment.Level;
            i.RiskDetails = JsonSerializer.Serialize(assessment, Json);
        }, submittedBy, cancellationToken);

        if (application.PreviousVersionId is { } previousId)
        {
            var previous = await db.WorkflowInstances.FirstOrDefaultAsync(
                i => i.DefinitionId == DefinitionId && i.SubjectId == previousId && i.Status == WorkflowInstanceStatus.Running, cancellationToken);
            if (previous is not null) await EndPreviousAsync(db, previous, application, cancellationToken);
        }

        return instance;
    }

    /// <summary>
    /// Starts reviews of submitted applications that have none, and ends reviews of applications that were
    /// withdrawn or superseded meanwhile. Run by the background service; returns how many it changed.
    /// </summary>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        List<Guid> unstarted;
        List<(Guid Instance, ApplicationStatus Status)> orphaned;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            unstarted = await db.Applications.AsNoTracking().IgnoreAutoIncludes()
                .Where(a => a.Status == ApplicationStatus.Submitted && !db.WorkflowInstances.Any(i => i.DefinitionId == DefinitionId && i.SubjectId == a.Id))
                .OrderBy(a => a.SubmittedAt).Select(a => a.Id).Take(options.Value.BatchSize).ToListAsync(cancellationToken);
            orphaned = (await db.WorkflowInstances.AsNoTracking()
                    .Where(i => i.DefinitionId == DefinitionId && i.Status == WorkflowInstanceStatus.Running)
                    .Join(db.Applications.IgnoreAutoIncludes(), i => i.SubjectId, a => a.Id, (i, a) => new { i.Id, a.Status })
                    .Where(x => x.Status == ApplicationStatus.Withdrawn || x.Status == ApplicationStatus.Superseded)
                    .Take(options.Value.BatchSize).ToListAsync(cancellationToken))
                .Select(x => (x.Id, x.Status)).ToList();
        }

        var changed = 0;
        foreach (var id in unstarted)
        {
            if ((await StartReviewAsync(id, null, cancellationToken)).Succeeded) changed++;
        }

        foreach (var (instanceId, status) in orphaned)
        {
            var result = await runtime.StepAsync(instanceId, null, "workflow.cancelled", ctx => Task.FromResult(Wrap(
                status == ApplicationStatus.Superseded && ctx.Session.HasSystemAction(ResubmittedAction)
                    ? ctx.Session.FireSystem(ResubmittedAction, "A revised version was submitted.")
                    : ctx.Session.Cancel(null, status == ApplicationStatus.Withdrawn ? "The application was withdrawn." : "A revised version was submitted."))), cancellationToken);
            if (result.Succeeded) changed++;
        }

        return changed;
    }

    /// <summary>
    /// Takes an action on a review task: screening (<c>accept</c>, <c>return</c>) or the chair's decision
    /// (<c>approve</c>, <c>approve_with_conditions</c>, <c>revise</c>, <c>reject</c>, <c>refer_to_panel</c>).
    /// A decision is recorded, the application decided (approve/reject) and, for an approval, the data
    /// permit issued — all with the step, in one transaction.
    /// </summary>
    public async Task<DomainResult<WorkflowInstance>> ActAsync(Actor actor, Guid taskId, ReviewAction request, CancellationToken cancellationToken)
    {
        var instanceId = await runtime.InstanceOfTaskAsync(taskId, cancellationToken);
        if (instanceId is null) return WorkflowRuntime.NotFound<WorkflowInstance>("taskId", "No such task.");
        return await runtime.StepAsync(instanceId.Value, actor, "workflow.action", async ctx =>
        {
            var acted = ctx.Session.Act(actor, taskId, request.Action, request.Comment);
            if (!acted.Succeeded) return DomainResult<WorkflowInstance>.Fail(acted.Errors);
            foreach (var applied in ctx.Session.Transitions.Where(t => t.Definition?.Decision is not null).ToList())
            {
                var decided = await ApplyDecisionAsync(ctx, actor, applied.Definition!.Decision!, request, cancellationToken);
                if (!decided.Succeeded) return DomainResult<WorkflowInstance>.Fail(decided.Errors);
            }

            return ctx.Session.Instance;
        }, cancellationToken);
    }

    /// <summary>A reviewer submits their review (ELSI checklist, recommendation, comments): the recommendation is their vote.</summary>
    public async Task<DomainResult<Review>> VoteAsync(Actor actor, Guid taskId, ReviewSubmission submission, CancellationToken cancellationToken)
    {
        var instanceId = await runtime.InstanceOfTaskAsync(taskId, cancellationToken);
        if (instanceId is null) return WorkflowRuntime.NotFound<Review>("taskId", "No such task.");
        return await runtime.StepAsync(instanceId.Value, actor, "workflow.vote", ctx =>
        {
            if (ctx.Session.Definition.Subject != WorkflowSubjects.Application)
                return Task.FromResult(DomainResult<Review>.Fail([ValidationError.Create("taskId", "wrong-task-kind", "This is not an application review.")]));
            var review = Review.Submit(actor, ctx.Application.Id, ctx.Session.Instance.Id, taskId, submission.Recommendation, submission.Checklist,
                submission.Comments, submission.Conditions, ctx.Now);
            if (!review.Succeeded) return Task.FromResult(review);
            var voted = ctx.Session.Vote(actor, taskId, ReviewDecisions.Code(submission.Recommendation), submission.Comments);
            if (!voted.Succeeded) return Task.FromResult(DomainResult<Review>.Fail(voted.Errors));
            ctx.Db.Reviews.Add(review.Value!);
            return Task.FromResult(review);
        }, cancellationToken);
    }

    /// <summary>The chair's bulk assignment (or a reviewer claiming an unassigned task: <paramref name="assigneeId"/> = their own id).</summary>
    public Task<IReadOnlyList<TaskAssignment>> AssignAsync(Actor actor, IReadOnlyList<Guid> taskIds, string assigneeId, CancellationToken cancellationToken) =>
        runtime.AssignAsync(actor, taskIds, assigneeId, cancellationToken);

    /// <summary>Extends the decision deadline once by 3 months (EHDS), with the reason the researcher is told.</summary>
    public Task<DomainResult> ExtendDeadlineAsync(Actor actor, Guid instanceId, string reason, CancellationToken cancellationToken) =>
        runtime.ExtendDeadlineAsync(actor, instanceId, reason, cancellationToken);

    /// <summary>The review of an application for the board (null when the caller may not see it: not board, or a conflict of interest).</summary>
    public async Task<ReviewDetail?> GetReviewForApplicationAsync(Actor actor, Guid applicationId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var instanceId = await db.WorkflowInstances.AsNoTracking().Where(i => i.DefinitionId == DefinitionId && i.SubjectId == applicationId)
            .Select(i => (Guid?)i.Id).FirstOrDefaultAsync(cancellationToken);
        return instanceId is null ? null : await GetReviewAsync(actor, instanceId.Value, cancellationToken);
    }

    /// <summary>A review for the board: state, tasks, history, votes, risk and the caller's possible actions.</summary>
    public async Task<ReviewDetail?> GetReviewAsync(Actor actor, Guid instanceId, CancellationToken cancellationToken)
    {
        if (!actor.Roles.Any(BoardRoles.Contains)) return null;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var inspected = await runtime.InspectAsync(db, instanceId, cancellationToken);
        if (inspected is null) return null;
        var (session, application) = inspected.Value;
        if (SeparationOfDuties.Conflict(actor, application) is not null) return null;

        var instance = session.Instance;
        var reviews = await db.Reviews.AsNoTracking().Where(r => r.InstanceId == instanceId).OrderBy(r => r.SubmittedAt).ToListAsync(cancellationToken);
        // Independent review: a reviewer sees the others' votes only after casting their own.
        var seesAll = actor.IsInRole(Roles.ElsiChair) || actor.IsInRole(Roles.Admin) || actor.IsInRole(Roles.CertifiedOperator) || reviews.Any(r => r.ReviewerId == actor.UserId);
        if (!seesAll) reviews = [];
        var decision = await db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.InstanceId == instanceId, cancellationToken);
        var permit = decision?.PermitId is { } permitId ? await db.Permits.AsNoTracking().FirstOrDefaultAsync(p => p.Id == permitId, cancellationToken) : null;
        var assessment = instance.RiskDetails is null ? null : JsonSerializer.Deserialize<RiskAssessment>(instance.RiskDetails, Json);
        var deadline = session.Definition.Deadline;
        return new ReviewDetail
        {
            Instance = instance,
            Definition = session.Definition,
            State = session.Definition.State(instance.State),
            Tasks = session.Tasks.OrderBy(t => t.Visit).ThenBy(t => t.Slot).ToList(),
            History = await db.WorkflowSteps.AsNoTracking().Where(s => s.InstanceId == instanceId).OrderBy(s => s.Sequence).ToListAsync(cancellationToken),
            Reviews = reviews,
            Tally = seesAll ? session.Tally() : session.Tally() with { ByChoice = new Dictionary<string, int>(), For = 0 },
            RiskContributions = assessment?.Contributions ?? [],
            HighRiskRules = assessment?.HighRiskRules ?? [],
            Actions = session.ActionsFor(actor),
            CanExtendDeadline = instance.Status == WorkflowInstanceStatus.Running && deadline?.Extension is not null
                                && instance.DeadlineExtensions < deadline.MaxExtensions && actor.IsInRole(deadline.ExtendRole!),
            Decision = decision,
            Permit = permit,
        };
    }

    /// <summary>Where the review of the caller's application stands (null when they are not its applicant or team, or it has no review).</summary>
    public async Task<ResearcherReviewStatus?> GetStatusAsync(Actor actor, Guid applicationId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId, cancellationToken);
        if (application is null || !application.IsTeamMember(actor)) return null;
        var instance = await db.WorkflowInstances.AsNoTracking().FirstOrDefaultAsync(i => i.DefinitionId == DefinitionId && i.SubjectId == applicationId, cancellationToken);
        if (instance is null) return null;
        var definition = runtime.Catalog.FindVersion(instance.DefinitionVersion);
        var decision = await db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.InstanceId == instance.Id, cancellationToken);
        var permit = decision?.PermitId is { } permitId ? await db.Permits.AsNoTracking().FirstOrDefaultAsync(p => p.Id == permitId, cancellationToken) : null;
        return new ResearcherReviewStatus
        {
            InstanceId = instance.Id,
            State = instance.State,
            StateTitle = definition?.Find(instance.State)?.Title,
            Finished = instance.Status != WorkflowInstanceStatus.Running,
            Outcome = instance.Outcome,
            StartedAt = instance.StartedAt,
            DeadlineAt = instance.DeadlineAt,
            DeadlineExtended = instance.DeadlineExtensions > 0,
            Decision = decision,
            Permit = permit,
            RevisionRequests = await db.ReviewComments.AsNoTracking()
                .Where(c => c.ApplicationId == applicationId && c.IsRevisionRequest).OrderBy(c => c.At).ToListAsync(cancellationToken),
        };
    }

    /// <summary>
    /// Adds a message to the thread between board and researcher of an application (all its versions).
    /// The researcher (applicant or team) writes as the researcher side; board members without a conflict of interest as the board.
    /// </summary>
    public async Task<DomainResult<ReviewComment>> AddCommentAsync(Actor actor, Guid applicationId, string body, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId, cancellationToken);
        var side = application is null ? (CommentAuthor?)null
            : application.IsTeamMember(actor) ? CommentAuthor.Researcher
            : actor.Roles.Any(BoardRoles.Contains) && application.Status != ApplicationStatus.Draft && SeparationOfDuties.Conflict(actor, application) is null ? CommentAuthor.Board
            : null;
        if (application is null || side is null) return WorkflowRuntime.NotFound<ReviewComment>("applicationId", "No such application, or you may not see it.");

        var now = time.GetUtcNow();
        var comment = ReviewComment.Write(actor, side.Value, application.LineageId, application.Id, application.Version, body, revisionRequest: false, now);
        if (!comment.Succeeded) return comment;
        db.ReviewComments.Add(comment.Value!);

        // Tell the other side: the applicant, or the people with open tasks on the lineage's current review.
        var people = await db.UserProfiles.AsNoTracking().ToListAsync(cancellationToken);
        var recipients = side == CommentAuthor.Board
            ? [application.ApplicantId]
            : await db.WorkflowTasks.AsNoTracking()
                .Where(t => t.Status == WorkflowTaskStatus.Open && t.AssigneeId != null
                            && db.Applications.IgnoreAutoIncludes().Any(a => a.Id == t.ApplicationId && a.LineageId == application.LineageId))
                .Select(t => t.AssigneeId!).Distinct().ToListAsync(cancellationToken);
        var excerpt = comment.Value!.Body.Length > 200 ? comment.Value.Body[..200] + "…" : comment.Value.Body;
        foreach (var userId in recipients.Where(u => u != actor.UserId))
        {
            db.Notifications.Add(WorkflowRuntime.NotificationFor(new NotificationIntent(userId, NotificationKinds.Comment, Guid.Empty, null,
                new Dictionary<string, string> { ["reference"] = application.Reference, ["title"] = application.Title, ["author"] = actor.DisplayName, ["body"] = excerpt }),
                people, now, application.Id));
        }

        await audit.AppendAsync(db, new AuditRecord
        {
            At = now, ActorId = actor.UserId, ActorRole = side == CommentAuthor.Researcher ? Roles.Researcher : Roles.All.FirstOrDefault(actor.IsInRole),
            OrganisationId = actor.OrganisationId, Action = "review.comment-added", SubjectType = "application",
            SubjectIds = [application.Id.ToString(), application.Reference, comment.Value.Id.ToString()], ClientAddress = actor.ClientAddress,
        }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return comment;
    }

    /// <summary>The thread of an application (all versions), oldest first; empty when the caller may not see it.</summary>
    public async Task<IReadOnlyList<ReviewComment>> CommentsAsync(Actor actor, Guid applicationId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId, cancellationToken);
        if (application is null) return [];
        var visible = application.IsTeamMember(actor)
                      || (actor.Roles.Any(BoardRoles.Contains) && application.Status != ApplicationStatus.Draft && SeparationOfDuties.Conflict(actor, application) is null);
        if (!visible) return [];
        return await db.ReviewComments.AsNoTracking().Where(c => c.LineageId == application.LineageId).OrderBy(c => c.At).ToListAsync(cancellationToken);
    }

    private async Task EndPreviousAsync(GatekeeperDbContext db, WorkflowInstance previous, SecondaryUseApplication revision, CancellationToken cancellationToken)
    {
        var previousApplication = await db.Applications.FirstAsync(a => a.Id == previous.ApplicationId, cancellationToken);
        var people = await db.UserProfiles.AsNoTracking().ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var session = await runtime.LoadSessionAsync(db, previous, previousApplication, people, now, tracked: true, cancellationToken);
        var reason = $"Version {revision.Version} was submitted.";
        var ended = session.HasSystemAction(ResubmittedAction) ? session.FireSystem(ResubmittedAction, reason) : session.Cancel(null, reason);
        if (!ended.Succeeded) throw new InvalidOperationException($"Could not end review {previous.Id}: {ended}");
        await runtime.PersistAsync(new StepContext(db, session, previousApplication, people, null, now), cancellationToken);
    }

    private async Task<DomainResult> ApplyDecisionAsync(StepContext ctx, Actor actor, string code, ReviewAction request, CancellationToken cancellationToken)
    {
        if (!ReviewDecisions.TryParse(code, out var decision)) throw new InvalidOperationException($"Unknown decision '{code}' in workflow {ctx.Session.Definition.Id}.");
        var (db, session, application, people, _, now) = ctx;
        if (request.Terms is not null && !ReviewDecisions.IsApproval(decision))
            return DomainResult.Fail("terms", "not-allowed", "Only an approval has permit terms.");

        var recorded = ApplicationDecision.Record(actor, application, session.Instance.Id, decision, request.Comment, request.Conditions, now);
        if (!recorded.Succeeded) return DomainResult.Fail(recorded.Errors);
        var record = recorded.Value!;
        DataPermit? permit = null;
        switch (decision)
        {
            case ReviewDecision.Approve or ReviewDecision.ApproveWithConditions:
            {
                var decided = application.Decide(actor, approve: true, record.Reason, application.ConcurrencyStamp, now);
                if (!decided.Succeeded) return decided;
                var budget = new PrivacyBudget(options.Value.DefaultEpsilon, options.Value.DefaultDelta);
                var terms = request.Terms ?? PermitTerms.AsRequested(application, budget, DateOnly.FromDateTime(now.UtcDateTime));
                var issued = DataPermit.Issue(application, terms, record.Conditions, actor, await PermitNumbers.NewAsync(db, now, cancellationToken), now);
                if (!issued.Succeeded) return DomainResult.Fail(issued.Errors);
                permit = issued.Value!;
                db.Permits.Add(permit);
                // The permit's privacy budget opens with it, in the same transaction: runs spend from this account.
                if (permit.PrivacyBudget is { } cap)
                    db.Add(Privacy.StorePrivacyBudgetLedger.NewAccount(permit.Id.ToString(), Privacy.StorePrivacyBudgetLedger.CapOf(cap), now));
                record.AttachPermit(permit.Id);
                break;
            }

            case ReviewDecision.Reject:
            {
                var decided = application.Decide(actor, approve: false, record.Reason, application.ConcurrencyStamp, now);
                if (!decided.Succeeded) return decided;
                break;
            }

            case ReviewDecision.ReviseAndResubmit:
                db.ReviewComments.Add(ReviewComment.Write(actor, CommentAuthor.Board, application.LineageId, application.Id, application.Version,
                    record.Reason, revisionRequest: true, now).Value!);
                break;
        }

        db.Decisions.Add(record);
        var args = new Dictionary<string, string>
        {
            ["reference"] = application.Reference, ["title"] = application.Title, ["reason"] = record.Reason,
            ["decision"] = DecisionEn(decision), ["decisionJa"] = DecisionJa(decision),
            ["permit"] = permit is null ? "" : $"Data permit {permit.Number}, valid until {permit.ValidUntil.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.",
            ["permitJa"] = permit is null ? "" : $"データ利用許可 {permit.Number}（{permit.ValidUntil.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}まで有効）。",
        };
        var kind = decision == ReviewDecision.ReviseAndResubmit ? NotificationKinds.RevisionRequested : NotificationKinds.Decision;
        db.Notifications.Add(WorkflowRuntime.NotificationFor(new NotificationIntent(application.ApplicantId, kind, session.Instance.Id, null, args), people, now, application.Id));

        var who = new AuditActor(actor.UserId, Roles.All.FirstOrDefault(actor.IsInRole), actor.OrganisationId, actor.ClientAddress);
        await audit.AppendAsync(db, AuditRecords.ReviewDecision(now, who, record.Id.ToString(), application.Id.ToString(), application.Reference,
            AuditDecisionCode(decision), record.Reason), cancellationToken);
        if (permit is not null)
            await audit.AppendAsync(db, AuditRecords.PermitIssued(now, who, permit.Id.ToString(), application.Id.ToString(), application.Reference, permit.Number), cancellationToken);

        return DomainResult.Ok;
    }

    /// <summary>The console's decision vocabulary (docs/audit.md): a request for revision is "returned".</summary>
    private static string AuditDecisionCode(ReviewDecision d) => d switch
    {
        ReviewDecision.Approve => ReviewDecisionCodes.Approved,
        ReviewDecision.ApproveWithConditions => ReviewDecisionCodes.ApprovedWithConditions,
        ReviewDecision.ReviseAndResubmit => ReviewDecisionCodes.Returned,
        _ => ReviewDecisionCodes.Rejected,
    };

    private static string DecisionEn(ReviewDecision d) => d switch
    {
        ReviewDecision.Approve => "approved",
        ReviewDecision.ApproveWithConditions => "approved with conditions",
        ReviewDecision.ReviseAndResubmit => "revise and resubmit",
        _ => "rejected",
    };

    private static string DecisionJa(ReviewDecision d) => d switch
    {
        ReviewDecision.Approve => "承認",
        ReviewDecision.ApproveWithConditions => "条件付き承認",
        ReviewDecision.ReviseAndResubmit => "修正のうえ再申請",
        _ => "不承認",
    };

    private static DomainResult<bool> Wrap(DomainResult result) => result.Succeeded ? DomainResult<bool>.Ok(true) : DomainResult<bool>.Fail(result.Errors);
}
