using Gatekeeper.Audit;
using Gatekeeper.Data.Audit;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Organisations;
using Gatekeeper.Workflows.Definitions;
using Gatekeeper.Workflows.Engine;
using Gatekeeper.Workflows.Guards;
using Gatekeeper.Workflows.Notifications;
using Gatekeeper.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Data.Workflows;

/// <summary>
/// Hosts the workflow engine on the store. Every operation is one transaction on a fresh context: load
/// the instance, its tasks and pending timers; apply one engine operation; write the new tasks, timers,
/// history steps, notifications and one audit entry per step; commit. A concurrent step on the same
/// instance (two reviewers voting at once, the timer service and a person) makes one of them fail its
/// concurrency check and retry on the fresh state, so nothing fires twice. Due timers are claimed by
/// the update of their status in the transaction that applies them, so each fires exactly once.
/// </summary>
public sealed class WorkflowRuntime(
    IDbContextFactory<GatekeeperDbContext> factory,
    WorkflowCatalog catalog,
    AuditTrail audit,
    TimeProvider time,
    IOptions<WorkflowOptions> options,
    ILogger<WorkflowRuntime> logger)
{
    internal const int MaxAttempts = 6;

    public WorkflowCatalog Catalog => catalog;

    /// <summary>
    /// Starts a workflow on a subject belonging to an application (e.g. <c>output-release</c> on a run's
    /// output), with the subject's guard facts. Idempotent: a second start returns the first instance.
    /// </summary>
    public async Task<DomainResult<WorkflowInstance>> StartAsync(
        string definitionId, Guid subjectId, Guid applicationId, GuardFacts facts, Actor? startedBy, CancellationToken cancellationToken)
    {
        var definition = catalog.Get(definitionId);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == applicationId, cancellationToken);
            if (application is null) return NotFound<WorkflowInstance>("applicationId", "No such application.");
            try
            {
                var instance = await StartInAsync(db, definition, subjectId, application, facts, null, startedBy, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await tx.CommitAsync(cancellationToken);
                return instance;
            }
            catch (DbUpdateException ex) when (attempt < MaxAttempts && (ex is DbUpdateConcurrencyException || StoreErrors.IsUniqueViolation(ex)))
            {
                // Another start of the same subject won; the next attempt returns its instance.
            }
        }
    }

    /// <summary>Fires a <c>system</c> action of the current state (a check result, a resubmission), optionally adding facts first.</summary>
    public Task<DomainResult> FireSystemAsync(Guid instanceId, string action, GuardFacts? facts, string? reason, CancellationToken cancellationToken) =>
        Plain(StepAsync<bool>(instanceId, null, "workflow.system-action", ctx =>
        {
            if (facts is not null) ctx.Session.MergeFacts(facts);
            return Task.FromResult(Wrap(ctx.Session.FireSystem(action, reason)));
        }, cancellationToken));

    /// <summary>
    /// Takes an action on an action task that records no decision (e.g. output workflows). Actions that
    /// record a decision on an application go through <see cref="ReviewWorkflowService.ActAsync"/>.
    /// </summary>
    public async Task<DomainResult> ActAsync(Actor actor, Guid taskId, string action, string? comment, CancellationToken cancellationToken)
    {
        var instanceId = await InstanceOfTaskAsync(taskId, cancellationToken);
        if (instanceId is null) return TaskNotFound();
        return await Plain(StepAsync<bool>(instanceId.Value, actor, "workflow.action", ctx =>
        {
            if (ctx.Session.Definition.State(ctx.Session.Instance.State).FindAction(action)?.Decision is not null)
                return Task.FromResult(DomainResult<bool>.Fail([ValidationError.Create("action", "decision-required",
                    "This action records a decision; take it through the review service with the decision's details.")]));
            return Task.FromResult(Wrap(ctx.Session.Act(actor, taskId, action, comment)));
        }, cancellationToken));
    }

    /// <summary>Casts a vote on a vote task of a workflow that needs no review form (e.g. output checking).</summary>
    public async Task<DomainResult> VoteAsync(Actor actor, Guid taskId, string choice, string? comment, CancellationToken cancellationToken)
    {
        var instanceId = await InstanceOfTaskAsync(taskId, cancellationToken);
        if (instanceId is null) return TaskNotFound();
        return await Plain(StepAsync<bool>(instanceId.Value, actor, "workflow.vote", ctx =>
            Task.FromResult(Wrap(ctx.Session.Vote(actor, taskId, choice, comment))), cancellationToken));
    }

    /// <summary>
    /// Assigns tasks to a person (the chair's bulk assignment), or claims an unassigned task when
    /// <paramref name="assigneeId"/> is the caller. Each task is its own step; the answer says, per task, whether it worked.
    /// </summary>
    public async Task<IReadOnlyList<TaskAssignment>> AssignAsync(Actor actor, IReadOnlyList<Guid> taskIds, string assigneeId, CancellationToken cancellationToken)
    {
        var results = new List<TaskAssignment>();
        foreach (var taskId in taskIds.Distinct())
        {
            var instanceId = await InstanceOfTaskAsync(taskId, cancellationToken);
            var result = instanceId is null
                ? TaskNotFound()
                : await Plain(StepAsync<bool>(instanceId.Value, actor, "workflow.assigned", ctx =>
                    Task.FromResult(Wrap(ctx.Session.Assign(actor, taskId, assigneeId))), cancellationToken));
            results.Add(new TaskAssignment(taskId, result));
        }

        return results;
    }

    /// <summary>Extends the instance's deadline once (EHDS), with a reason the applicant is told.</summary>
    public Task<DomainResult> ExtendDeadlineAsync(Actor actor, Guid instanceId, string? reason, CancellationToken cancellationToken) =>
        Plain(StepAsync<bool>(instanceId, actor, "workflow.deadline-extended", ctx =>
            Task.FromResult(Wrap(ctx.Session.ExtendDeadline(actor, reason))), cancellationToken));

    /// <summary>Stops a running instance (its subject was withdrawn).</summary>
    public Task<DomainResult> CancelAsync(Guid instanceId, string reason, CancellationToken cancellationToken) =>
        Plain(StepAsync<bool>(instanceId, null, "workflow.cancelled", ctx =>
            Task.FromResult(Wrap(ctx.Session.Cancel(null, reason))), cancellationToken));

    /// <summary>Fires the timers due now (at most a batch); returns how many had an effect or were voided.</summary>
    public async Task<int> FireDueTimersAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<(Guid Id, Guid InstanceId)> due;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            due = (await db.WorkflowTimers.AsNoTracking()
                    .Where(t => t.Status == WorkflowTimerStatus.Pending && t.DueAt <= now)
                    .OrderBy(t => t.DueAt)
                    .Take(options.Value.BatchSize)
                    .Select(t => new { t.Id, t.InstanceId })
                    .ToListAsync(cancellationToken))
                .Select(t => (t.Id, t.InstanceId)).ToList();
        }

        var fired = 0;
        foreach (var (timerId, instanceId) in due)
        {
            var result = await StepAsync(instanceId, null, "workflow.timer", async ctx =>
            {
                // Claim: only a still-pending timer is applied; the status update is checked at commit.
                var timer = await ctx.Db.WorkflowTimers.FirstOrDefaultAsync(t => t.Id == timerId && t.Status == WorkflowTimerStatus.Pending, cancellationToken);
                if (timer is null) return DomainResult<bool>.Ok(false);
                ctx.Session.FireTimer(timer);
                return DomainResult<bool>.Ok(true);
            }, cancellationToken);
            if (result is { Succeeded: true, Value: true }) fired++;
        }

        return fired;
    }

    /// <summary>What the engine would let <paramref name="actor"/> do on an instance now (read only).</summary>
    internal async Task<(WorkflowSession Session, SecondaryUseApplication Application)?> InspectAsync(GatekeeperDbContext db, Guid instanceId, CancellationToken cancellationToken)
    {
        var instance = await db.WorkflowInstances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, cancellationToken);
        if (instance is null) return null;
        var application = await db.Applications.AsNoTracking().FirstAsync(a => a.Id == instance.ApplicationId, cancellationToken);
        var people = await db.UserProfiles.AsNoTracking().ToListAsync(cancellationToken);
        var session = await LoadSessionAsync(db, instance, application, people, time.GetUtcNow(), tracked: false, cancellationToken);
        return (session, application);
    }

    internal async Task<Guid?> InstanceOfTaskAsync(Guid taskId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.WorkflowTasks.AsNoTracking().Where(t => t.Id == taskId).Select(t => (Guid?)t.InstanceId).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Runs one step on an instance in its own transaction, retrying on a concurrent step. A refused
    /// step (the body's result failed) writes nothing but, for a person's action, an audit entry of the refusal.
    /// </summary>
    internal async Task<DomainResult<T>> StepAsync<T>(Guid instanceId, Actor? actor, string action, Func<StepContext, Task<DomainResult<T>>> body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            var instance = await db.WorkflowInstances.FirstOrDefaultAsync(i => i.Id == instanceId, cancellationToken);
            if (instance is null) return NotFound<T>("instanceId", "No such review.");
            var application = await db.Applications.FirstAsync(a => a.Id == instance.ApplicationId, cancellationToken);
            var people = await db.UserProfiles.AsNoTracking().ToListAsync(cancellationToken);
            var now = time.GetUtcNow();
            var session = await LoadSessionAsync(db, instance, application, people, now, tracked: true, cancellationToken);
            var context = new StepContext(db, session, application, people, actor, now);
            try
            {
                var result = await body(context);
                if (!result.Succeeded)
                {
                    await tx.RollbackAsync(cancellationToken);
                    if (actor is not null) await RecordRefusalAsync(actor, action, instance, result.Errors, cancellationToken);
                    return result;
                }

                await PersistAsync(context, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await tx.CommitAsync(cancellationToken);
                return result;
            }
            catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || StoreErrors.IsUniqueViolation(ex))
            {
                if (attempt < MaxAttempts)
                {
                    logger.LogDebug("Concurrent step on workflow instance {InstanceId}; retrying (attempt {Attempt})", instanceId, attempt);
                    continue;
                }

                logger.LogWarning(ex, "Workflow instance {InstanceId} kept changing under step {Action}; gave up after {Attempts} attempts", instanceId, action, attempt);
                return DomainResult<T>.Fail([ValidationError.Create("instanceId", "busy", "Others changed this review at the same moment; try again.")]);
            }
        }
    }

    /// <summary>Starts an instance inside the caller's transaction (nothing is saved or committed here). Returns the existing one if the subject already has one.</summary>
    internal async Task<WorkflowInstance> StartInAsync(
        GatekeeperDbContext db, WorkflowDefinition definition, Guid subjectId, SecondaryUseApplication application, GuardFacts facts,
        Action<WorkflowInstance>? fill, Actor? startedBy, CancellationToken cancellationToken)
    {
        var existing = await db.WorkflowInstances.FirstOrDefaultAsync(i => i.DefinitionId == definition.Id && i.SubjectId == subjectId, cancellationToken);
        if (existing is not null) return existing;

        if (db.WorkflowDefinitions.Local.All(d => d.Sha256 != definition.Sha256)
            && !await db.WorkflowDefinitions.AnyAsync(d => d.Sha256 == definition.Sha256, cancellationToken))
        {
            db.WorkflowDefinitions.Add(new StoredWorkflowDefinition
            {
                Sha256 = definition.Sha256, DefinitionId = definition.Id, FileName = definition.FileName, Source = definition.Source, RegisteredAt = time.GetUtcNow(),
            });
        }

        var instance = new WorkflowInstance
        {
            Id = Guid.NewGuid(), DefinitionId = definition.Id, DefinitionVersion = definition.Sha256, SubjectType = definition.Subject,
            SubjectId = subjectId, ApplicationId = application.Id, Reference = application.Reference,
            Title = application.Title.Length > 200 ? application.Title[..200] : application.Title,
            ApplicantId = application.ApplicantId, OrganisationId = application.OrganisationId,
        };
        fill?.Invoke(instance);
        var people = await db.UserProfiles.AsNoTracking().ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var environment = await EnvironmentAsync(db, application, people, now, cancellationToken);
        var session = WorkflowSession.Start(definition, instance, facts, environment, startedBy);
        db.WorkflowInstances.Add(instance);
        await PersistAsync(new StepContext(db, session, application, people, startedBy, now), cancellationToken);
        logger.LogInformation("Workflow {Definition} started on {SubjectType} {SubjectId} ({Reference}): now in {State}",
            definition.Id, definition.Subject, subjectId, application.Reference, instance.State);
        return instance;
    }

    /// <summary>Loads the engine session of an existing instance (tasks, pending timers, people, conflict rule) on <paramref name="db"/>.</summary>
    internal async Task<WorkflowSession> LoadSessionAsync(
        GatekeeperDbContext db, WorkflowInstance instance, SecondaryUseApplication application, IReadOnlyList<UserProfile> people, DateTimeOffset now, bool tracked,
        CancellationToken cancellationToken)
    {
        var definition = await DefinitionAsync(db, instance.DefinitionVersion, cancellationToken);
        var tasks = db.WorkflowTasks.Where(t => t.InstanceId == instance.Id);
        var timers = db.WorkflowTimers.Where(t => t.InstanceId == instance.Id && t.Status == WorkflowTimerStatus.Pending);
        var environment = await EnvironmentAsync(db, application, people, now, cancellationToken);
        return new WorkflowSession(
            definition, instance,
            await (tracked ? tasks : tasks.AsNoTracking()).ToListAsync(cancellationToken),
            await (tracked ? timers : timers.AsNoTracking()).ToListAsync(cancellationToken),
            environment);
    }

    /// <summary>Writes what a step produced: new tasks, timers and steps, notifications (with their e-mail in the outbox) and an audit entry per step.</summary>
    internal async Task PersistAsync(StepContext context, CancellationToken cancellationToken)
    {
        var (db, session, _, people, actor, now) = context;
        db.WorkflowTasks.AddRange(session.AddedTasks);
        db.WorkflowTimers.AddRange(session.AddedTimers);
        db.WorkflowSteps.AddRange(session.AddedSteps);
        session.Instance.ConcurrencyStamp = Guid.NewGuid();
        session.Instance.UpdatedAt = now;
        foreach (var intent in session.Notifications)
        {
            var notification = NotificationFor(intent, people, now, session.Instance.ApplicationId);
            // Output checkers' tasks lead to the release request, not to the application behind it.
            if (session.Definition.Subject == WorkflowSubjects.Output) notification.Href = $"/outputs/{session.Instance.SubjectId}";
            db.Notifications.Add(notification);
        }
        foreach (var step in session.AddedSteps)
            await audit.AppendAsync(db, AuditOf(step, session, actor), cancellationToken);
        session.AddedTasks.Clear();
        session.AddedTimers.Clear();
        session.AddedSteps.Clear();
        session.Notifications.Clear();
    }

    internal static Notification NotificationFor(NotificationIntent intent, IReadOnlyList<UserProfile> people, DateTimeOffset now, Guid? applicationId = null)
    {
        var (titleEn, titleJa, bodyEn, bodyJa) = NotificationTexts.Render(intent.Kind, intent.Args);
        var email = people.FirstOrDefault(p => p.Id == intent.UserId)?.Email;
        return new Notification
        {
            Id = Guid.NewGuid(), UserId = intent.UserId, Kind = intent.Kind, InstanceId = intent.InstanceId == Guid.Empty ? null : intent.InstanceId,
            TaskId = intent.TaskId, ApplicationId = applicationId, Reference = intent.Args.GetValueOrDefault("reference") ?? "",
            TitleEn = Clip(titleEn, 300), TitleJa = Clip(titleJa, 300), BodyEn = Clip(bodyEn, 8000), BodyJa = Clip(bodyJa, 8000),
            CreatedAt = now, EmailTo = email, EmailStatus = string.IsNullOrWhiteSpace(email) ? MailStatus.None : MailStatus.Pending,
        };
    }

    private async Task<WorkflowEnvironment> EnvironmentAsync(GatekeeperDbContext db, SecondaryUseApplication application, IReadOnlyList<UserProfile> people, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = await db.WorkflowTasks.AsNoTracking()
            .Where(t => t.Status == WorkflowTaskStatus.Open && t.AssigneeId != null)
            .GroupBy(t => t.AssigneeId!)
            .Select(g => new { UserId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.UserId, g => g.Count, cancellationToken);
        return new WorkflowEnvironment
        {
            Now = now,
            Candidates = people.Select(p => new WorkflowCandidate(p.Id, p.DisplayName, p.Email, p.OrganisationId, p.Roles.ToHashSet(StringComparer.Ordinal), open.GetValueOrDefault(p.Id))).ToList(),
            ConflictOf = actor => SeparationOfDuties.Conflict(actor, application),
        };
    }

    private async Task<WorkflowDefinition> DefinitionAsync(GatekeeperDbContext db, string sha256, CancellationToken cancellationToken)
    {
        if (catalog.FindVersion(sha256) is { } known) return known;
        var stored = await db.WorkflowDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Sha256 == sha256, cancellationToken)
                     ?? throw new InvalidOperationException($"Workflow definition version {sha256} is neither loaded nor stored.");
        return catalog.AddVersion(stored.FileName, stored.Sha256, stored.Source);
    }

    private AuditRecord AuditOf(WorkflowStep step, WorkflowSession session, Actor? actor)
    {
        var task = step.TaskId is { } id ? session.Tasks.FirstOrDefault(t => t.Id == id) : null;
        var role = actor is null ? WorkflowSubjects.SystemRole
            : task?.Role is { } taskRole && actor.IsInRole(taskRole) ? taskRole
            : Roles.All.FirstOrDefault(actor.IsInRole) ?? Roles.Researcher;
        var kind = string.Concat(step.Kind.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
        return new AuditRecord
        {
            At = step.At,
            ActorId = actor?.UserId ?? WorkflowSubjects.SystemRole,
            ActorRole = role,
            OrganisationId = actor?.OrganisationId,
            Action = "workflow." + kind,
            SubjectType = "workflow",
            SubjectIds = [session.Instance.Id.ToString(), session.Instance.SubjectId.ToString(), session.Instance.Reference, $"step {step.Sequence}"],
            Reason = step.FromState == step.ToState || step.FromState is null
                ? $"{session.Definition.Id} in {step.ToState} ({step.Trigger})"
                : $"{session.Definition.Id}: {step.FromState} → {step.ToState} ({step.Trigger})",
            ClientAddress = actor?.ClientAddress,
        };
    }

    private Task RecordRefusalAsync(Actor actor, string action, WorkflowInstance instance, IReadOnlyList<ValidationError> errors, CancellationToken cancellationToken) =>
        audit.RecordAsync(new AuditRecord
        {
            At = time.GetUtcNow(), ActorId = actor.UserId, ActorRole = Roles.All.FirstOrDefault(actor.IsInRole), OrganisationId = actor.OrganisationId,
            Action = action, SubjectType = "workflow", SubjectIds = [instance.Id.ToString(), instance.SubjectId.ToString(), instance.Reference],
            Outcome = AuditOutcome.Refused, Reason = string.Join(", ", errors.Select(e => $"{e.Field}:{e.Rule}").Distinct()), ClientAddress = actor.ClientAddress,
        }, cancellationToken);

    private static DomainResult<bool> Wrap(DomainResult result) => result.Succeeded ? DomainResult<bool>.Ok(true) : DomainResult<bool>.Fail(result.Errors);

    private static async Task<DomainResult> Plain(Task<DomainResult<bool>> step)
    {
        var result = await step;
        return result.Succeeded ? DomainResult.Ok : DomainResult.Fail(result.Errors);
    }

    private static DomainResult TaskNotFound() => DomainResult.Fail("taskId", "task-not-found", "No such task.");

    internal static DomainResult<T> NotFound<T>(string field, string message) =>
        DomainResult<T>.Fail([ValidationError.Create(field, "not-found", message)]);

    internal static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
