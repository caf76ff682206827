using System.Globalization;
using Gatekeeper.Domain.Common;
using Gatekeeper.Workflows.Definitions;
using Gatekeeper.Workflows.Guards;
using Gatekeeper.Workflows.Runtime;
using Stateless;

namespace Gatekeeper.Workflows.Engine;

/// <summary>
/// The engine for one step of one instance, in memory: it checks who may do what, fires transitions
/// through a Stateless state machine configured from the definition (guards included), creates and
/// voids tasks and timers, and records every step. It does no I/O: the host loads the instance, calls
/// one operation, and saves what changed (<see cref="AddedTasks"/>, <see cref="AddedTimers"/>,
/// <see cref="AddedSteps"/>, <see cref="Notifications"/> and the mutated loaded rows) in one transaction.
/// </summary>
public sealed class WorkflowSession
{
    private const string TimeoutTrigger = "timeout";
    private const string AutoPrefix = "auto#";
    private const int MaxAutomaticSteps = 32;

    private readonly List<WorkflowTask> _tasks;
    private readonly List<WorkflowTimer> _timers;
    private readonly WorkflowEnvironment _env;
    private readonly GuardFacts _subjectFacts;
    private readonly Dictionary<string, int> _assignedNow = new(StringComparer.Ordinal);
    private readonly StateMachine<string, string> _machine;

    public WorkflowSession(WorkflowDefinition definition, WorkflowInstance instance, IEnumerable<WorkflowTask> tasks, IEnumerable<WorkflowTimer> pendingTimers, WorkflowEnvironment environment)
    {
        if (definition.Sha256 != instance.DefinitionVersion)
            throw new ArgumentException($"Instance {instance.Id} runs on version {instance.DefinitionVersion}, not {definition.Sha256}.", nameof(definition));
        Definition = definition;
        Instance = instance;
        _tasks = tasks.ToList();
        _timers = pendingTimers.Where(t => t.Status == WorkflowTimerStatus.Pending).ToList();
        _env = environment;
        _subjectFacts = GuardFacts.FromJson(instance.Facts);
        _machine = BuildMachine();
    }

    public WorkflowDefinition Definition { get; }

    public WorkflowInstance Instance { get; }

    public IReadOnlyList<WorkflowTask> Tasks => _tasks;

    public List<WorkflowTask> AddedTasks { get; } = [];

    public List<WorkflowTimer> AddedTimers { get; } = [];

    public List<WorkflowStep> AddedSteps { get; } = [];

    public List<NotificationIntent> Notifications { get; } = [];

    public List<AppliedTransition> Transitions { get; } = [];

    private DateTimeOffset Now => _env.Now;

    private StateDefinition Current => Definition.State(Instance.State);

    /// <summary>Starts an instance: fills in the definition, deadline and facts, enters the initial state and runs automatic transitions.</summary>
    public static WorkflowSession Start(WorkflowDefinition definition, WorkflowInstance instance, GuardFacts facts, WorkflowEnvironment environment, Actor? startedBy)
    {
        instance.DefinitionId = definition.Id;
        instance.DefinitionVersion = definition.Sha256;
        instance.SubjectType = definition.Subject;
        instance.Status = WorkflowInstanceStatus.Running;
        instance.State = definition.Initial;
        instance.Facts = facts.ToJson();
        instance.StartedAt = environment.Now;
        instance.UpdatedAt = environment.Now;
        instance.DeadlineAt = definition.Deadline?.After.AddTo(environment.Now);
        instance.ConcurrencyStamp = Guid.NewGuid();

        var session = new WorkflowSession(definition, instance, [], [], environment);
        var step = session.Record(WorkflowStepKind.Started, null, definition.Initial, "start", startedBy, null);
        instance.Visit = step.Sequence;
        session.ScheduleDeadline();
        session.EnterCurrent();
        session.RunAutomatic();
        return session;
    }

    /// <summary>All facts the guards see now: the subject's plus the instance's (votes, deadline).</summary>
    public GuardFacts Facts()
    {
        var tally = Tally();
        var own = new GuardFacts()
            .Set("deadline.extended", Instance.DeadlineExtensions > 0)
            .Set("deadline.overdue", Instance.Overdue)
            .Set("votes.assigned", tally.Assigned)
            .Set("votes.cast", tally.Cast)
            .Set("votes.pending", tally.Pending)
            .Set("votes.for", tally.For)
            .Set("votes.quorum", tally.Quorum)
            .Set("votes.quorum_met", tally.QuorumMet);
        // Choices of other votes read as 0 (a missing fact is its type's default).
        foreach (var (choice, count) in tally.ByChoice) own.Set(WorkflowSubjects.VoteVariable(choice), count);

        return _subjectFacts.Merge(own);
    }

    /// <summary>The latest vote of the instance (the most recent visit of a vote state).</summary>
    public VoteTally Tally()
    {
        var votes = _tasks.Where(t => t.Kind == TaskKind.Vote).ToList();
        if (votes.Count == 0) return VoteTally.None;
        var visit = votes.Max(t => t.Visit);
        var round = votes.Where(t => t.Visit == visit).ToList();
        var state = round[0].State;
        var task = Definition.Find(state)?.Task;
        var completed = round.Where(t => t.Status == WorkflowTaskStatus.Completed).ToList();
        var byChoice = (task?.Choices ?? []).ToDictionary(c => c, c => completed.Count(t => t.Outcome == c), StringComparer.Ordinal);
        var quorumChoices = task?.Quorum?.Choices ?? task?.Choices ?? [];
        return new VoteTally(
            state,
            round.Count,
            completed.Count,
            round.Count(t => t.Status == WorkflowTaskStatus.Open),
            completed.Count(t => quorumChoices.Contains(t.Outcome ?? "")),
            task?.Quorum?.Count ?? round.Count,
            byChoice);
    }

    /// <summary>A person takes one of the state's actions on their action task.</summary>
    public DomainResult Act(Actor actor, Guid taskId, string action, string? comment)
    {
        if (OpenTask(taskId, TaskKind.Action) is not { } task) return TaskRefusal(taskId, TaskKind.Action);
        if (Authorise(actor, task) is { } refused) return refused;
        var transition = Current.FindAction(action);
        if (transition is null || transition.Role == WorkflowSubjects.SystemRole)
            return DomainResult.Fail("action", "unknown-action", $"'{action}' is not an action of this step.", ("action", action), ("state", Instance.State));
        if (!actor.IsInRole(transition.Role!))
            return DomainResult.Fail("actor", "role-required", $"Only a holder of the role {transition.Role} can {action}.", ("role", transition.Role));
        if (CheckComment(comment, transition.CommentRequired) is { } bad) return bad;
        if (!_machine.CanFire(action, out var unmet))
            return DomainResult.Fail("action", "guard-not-met", $"'{action}' is not possible yet: {string.Join("; ", unmet)}.", ("guard", transition.Guard?.Source));

        Complete(task, actor, action, comment);
        Fire(action, actor, comment, task.Id, null);
        RunAutomatic();
        return DomainResult.Ok;
    }

    /// <summary>An assigned reviewer (or a holder of the role, on an unassigned slot) casts a vote.</summary>
    public DomainResult Vote(Actor actor, Guid taskId, string choice, string? comment)
    {
        if (OpenTask(taskId, TaskKind.Vote) is not { } task) return TaskRefusal(taskId, TaskKind.Vote);
        if (Authorise(actor, task) is { } refused) return refused;
        var choices = Current.Task?.Choices ?? [];
        if (!choices.Contains(choice))
            return DomainResult.Fail("choice", "unknown-choice", $"'{choice}' is not a choice of this vote (one of: {string.Join(", ", choices)}).", ("choice", choice));
        if (CheckComment(comment, required: false) is { } bad) return bad;

        Complete(task, actor, choice, comment);
        Record(WorkflowStepKind.Vote, Instance.State, Instance.State, choice, actor, comment, task.Id);
        RunAutomatic();
        return DomainResult.Ok;
    }

    /// <summary>The gatekeeper itself fires a <c>system</c> transition of the current state (a resubmission, a check result).</summary>
    public DomainResult FireSystem(string action, string? reason)
    {
        if (Instance.Status != WorkflowInstanceStatus.Running) return Closed();
        var transition = Current.FindAction(action);
        if (transition is null || transition.Role != WorkflowSubjects.SystemRole)
            return DomainResult.Fail("action", "unknown-action", $"'{action}' is not a system action of state '{Instance.State}'.", ("action", action));
        if (!_machine.CanFire(action, out var unmet))
            return DomainResult.Fail("action", "guard-not-met", $"'{action}' is not possible yet: {string.Join("; ", unmet)}.");
        Fire(action, null, reason, null, null);
        RunAutomatic();
        return DomainResult.Ok;
    }

    /// <summary>Adds or replaces facts about the subject (e.g. the automated check's result) before a system action reads them.</summary>
    public void MergeFacts(GuardFacts facts)
    {
        foreach (var name in facts.Values.Keys.Where(n => Definition.Schema.Find(n) is null))
            throw new ArgumentException($"'{name}' is not a guard variable of a {Definition.Subject} workflow.", nameof(facts));
        var merged = GuardFacts.FromJson(Instance.Facts).Merge(facts);
        Instance.Facts = merged.ToJson();
        foreach (var (name, value) in facts.Values)
        {
            switch (value)
            {
                case bool b: _subjectFacts.Set(name, b); break;
                case decimal d: _subjectFacts.Set(name, d); break;
                case string text: _subjectFacts.Set(name, text); break;
                case string[] list: _subjectFacts.Set(name, list); break;
            }
        }
    }

    /// <summary>True when the current state has a system action of that name.</summary>
    public bool HasSystemAction(string action) =>
        Instance.Status == WorkflowInstanceStatus.Running && Current.FindAction(action) is { Role: WorkflowSubjects.SystemRole };

    /// <summary>
    /// Applies a due timer. The host claims the timer in the same transaction (Pending → Fired), so the
    /// effect happens exactly once; a timer of a state already left is voided.
    /// </summary>
    public void FireTimer(WorkflowTimer timer)
    {
        if (timer.InstanceId != Instance.Id) throw new ArgumentException("The timer belongs to another instance.", nameof(timer));
        if (timer.Status != WorkflowTimerStatus.Pending) return;
        timer.Status = WorkflowTimerStatus.Fired;
        timer.FiredAt = Now;
        if (Instance.Status != WorkflowInstanceStatus.Running)
        {
            timer.Status = WorkflowTimerStatus.Cancelled;
            return;
        }

        var task = timer.TaskId is { } id ? _tasks.FirstOrDefault(t => t.Id == id) : null;
        switch (timer.Kind)
        {
            case WorkflowTimerKind.TaskReminder when task is { Status: WorkflowTaskStatus.Open }:
                NotifyTask(task, NotificationKinds.TaskReminder);
                Record(WorkflowStepKind.Reminder, Instance.State, Instance.State, "reminder", null, null, task.Id, timer.Id);
                break;
            case WorkflowTimerKind.TaskEscalation when task is { Status: WorkflowTaskStatus.Open }:
                task.Escalated = true;
                NotifyTask(task, NotificationKinds.TaskEscalated);
                if (Definition.Find(task.State)?.Task?.EscalateTo is { } role) NotifyRole(role, NotificationKinds.TaskEscalated, task);
                Record(WorkflowStepKind.Escalated, Instance.State, Instance.State, "sla", null, null, task.Id, timer.Id);
                break;
            case WorkflowTimerKind.StateTimeout when timer.Visit == Instance.Visit && Current.Timeout is not null:
                Fire(TimeoutTrigger, null, $"No action within {Current.Timeout.After}.", null, timer.Id);
                RunAutomatic();
                break;
            case WorkflowTimerKind.DeadlineWarning:
                foreach (var open in OpenTasksOfVisit()) NotifyTask(open, NotificationKinds.DeadlineWarning);
                Record(WorkflowStepKind.DeadlineWarning, Instance.State, Instance.State, "deadline-warning", null, null, null, timer.Id);
                break;
            case WorkflowTimerKind.Deadline:
                Instance.Overdue = true;
                foreach (var open in OpenTasksOfVisit()) NotifyTask(open, NotificationKinds.DeadlineMissed);
                if (Definition.Deadline?.EscalateTo is { } escalate) NotifyRole(escalate, NotificationKinds.DeadlineMissed, null);
                Record(WorkflowStepKind.DeadlineMissed, Instance.State, Instance.State, "deadline", null, null, null, timer.Id);
                RunAutomatic();
                break;
            default:
                timer.Status = WorkflowTimerStatus.Cancelled;
                break;
        }
    }

    /// <summary>
    /// Assigns an open task to a person: a holder of an assigner role (the chair's bulk assignment), or
    /// someone claiming an unassigned slot for themselves. The new assignee must hold the task's role,
    /// have no conflict of interest, and not already hold a task of this step or of a state it must be distinct from.
    /// </summary>
    public DomainResult Assign(Actor by, Guid taskId, string assigneeId)
    {
        if (Instance.Status != WorkflowInstanceStatus.Running) return Closed();
        var task = _tasks.FirstOrDefault(t => t.Id == taskId && t.Status == WorkflowTaskStatus.Open && t.Visit == Instance.Visit);
        if (task is null) return DomainResult.Fail("taskId", "task-closed", "This task is no longer open.");
        var claiming = by.UserId == assigneeId && task.AssigneeId is null;
        if (!claiming && !Definition.Assigners.Any(by.IsInRole))
            return DomainResult.Fail("actor", "role-required", $"Only {string.Join(" or ", Definition.Assigners)} can assign tasks.", ("role", string.Join(",", Definition.Assigners)));
        if (_env.ConflictOf(by) is { } byConflict) return Conflict(byConflict);
        if (task.AssigneeId == assigneeId) return DomainResult.Ok;

        var candidate = _env.Candidates.FirstOrDefault(c => c.UserId == assigneeId);
        if (candidate is null) return DomainResult.Fail("assigneeId", "unknown-user", "No such person.", ("assigneeId", assigneeId));
        if (!candidate.Roles.Contains(task.Role))
            return DomainResult.Fail("assigneeId", "role-required", $"{candidate.DisplayName} does not hold the role {task.Role}.", ("role", task.Role));
        if (_env.ConflictOf(candidate.ToActor()) is { } conflict)
            return DomainResult.Fail("assigneeId", "conflict-of-interest", $"{candidate.DisplayName} has a conflict of interest with this application.", ("conflict", conflict));
        if (IndependenceConflict(candidate.UserId, task) is { } reason)
            return DomainResult.Fail("assigneeId", "not-independent", reason);

        task.AssigneeId = candidate.UserId;
        task.AssigneeName = candidate.DisplayName;
        Record(WorkflowStepKind.Assigned, Instance.State, Instance.State, claiming ? "claim" : "assign", by, candidate.UserId, task.Id);
        Notify(candidate.UserId, NotificationKinds.TaskAssigned, task);
        return DomainResult.Ok;
    }

    /// <summary>Extends the deadline (EHDS: once, by 3 months), with a reason the applicant is told.</summary>
    public DomainResult ExtendDeadline(Actor actor, string? reason)
    {
        if (Instance.Status != WorkflowInstanceStatus.Running) return Closed();
        var deadline = Definition.Deadline;
        if (deadline?.Extension is null || Instance.DeadlineAt is null)
            return DomainResult.Fail("deadline", "not-extendable", "This workflow's deadline cannot be extended.");
        if (Instance.DeadlineExtensions >= deadline.MaxExtensions)
            return DomainResult.Fail("deadline", "already-extended", $"The deadline can be extended {deadline.MaxExtensions} time(s) and already was.", ("max", deadline.MaxExtensions));
        if (!actor.IsInRole(deadline.ExtendRole!))
            return DomainResult.Fail("actor", "role-required", $"Only a holder of the role {deadline.ExtendRole} can extend the deadline.", ("role", deadline.ExtendRole));
        if (_env.ConflictOf(actor) is { } conflict) return Conflict(conflict);
        if (CheckComment(reason, required: true) is { } bad) return bad;

        Instance.DeadlineAt = deadline.Extension.AddTo(Instance.DeadlineAt.Value);
        Instance.DeadlineExtensions++;
        Instance.Overdue = false;
        foreach (var timer in _timers.Where(t => t.Kind is WorkflowTimerKind.Deadline or WorkflowTimerKind.DeadlineWarning && t.Status == WorkflowTimerStatus.Pending))
            timer.Status = WorkflowTimerStatus.Cancelled;
        ScheduleDeadline();
        foreach (var task in _tasks.Concat(AddedTasks).Where(t => t.Status == WorkflowTaskStatus.Open)) task.DeadlineAt = Instance.DeadlineAt;
        Record(WorkflowStepKind.DeadlineExtended, Instance.State, Instance.State, "extend", actor, reason);
        Notify(Instance.ApplicantId, NotificationKinds.DeadlineExtended, null, ("deadline", Instance.DeadlineAt.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("reason", reason!.Trim()));
        return DomainResult.Ok;
    }

    /// <summary>Stops a running instance (its subject was withdrawn or superseded): open tasks and timers are voided.</summary>
    public DomainResult Cancel(Actor? actor, string reason)
    {
        if (Instance.Status != WorkflowInstanceStatus.Running) return Closed();
        Instance.Status = WorkflowInstanceStatus.Cancelled;
        Instance.CompletedAt = Now;
        Instance.Outcome = "cancelled";
        VoidOpenWork(all: true);
        Record(WorkflowStepKind.Cancelled, Instance.State, Instance.State, "cancel", actor, reason);
        return DomainResult.Ok;
    }

    /// <summary>What <paramref name="actor"/> can do on the instance's open tasks now (for the review form's buttons).</summary>
    public IReadOnlyList<AvailableAction> ActionsFor(Actor actor)
    {
        var result = new List<AvailableAction>();
        if (Instance.Status != WorkflowInstanceStatus.Running || _env.ConflictOf(actor) is not null) return result;
        foreach (var task in OpenTasksOfVisit())
        {
            if (task.AssigneeId is null && actor.IsInRole(task.Role) && IndependenceConflict(actor.UserId, task) is null)
                result.Add(new AvailableAction(task.Id, AvailableAction.ClaimKind, "claim", false, null, null));
            if (task.AssigneeId != actor.UserId) continue;
            if (task.Kind == TaskKind.Vote)
            {
                result.AddRange((Current.Task?.Choices ?? []).Select(c => new AvailableAction(task.Id, AvailableAction.VoteKind, c, false, null, null)));
                continue;
            }

            foreach (var t in Current.Transitions.Where(t => t.Role != WorkflowSubjects.SystemRole && actor.IsInRole(t.Role!)))
            {
                var blocked = _machine.CanFire(t.Action!, out var unmet) ? null : string.Join("; ", unmet);
                result.Add(new AvailableAction(task.Id, AvailableAction.ActionKind, t.Action!, t.CommentRequired, t.Decision, blocked));
            }
        }

        return result;
    }

    private StateMachine<string, string> BuildMachine()
    {
        var machine = new StateMachine<string, string>(() => Instance.State, s => Instance.State = s);
        foreach (var state in Definition.States)
        {
            var config = machine.Configure(state.Name);
            foreach (var t in state.Transitions)
                config.PermitIf(t.Action!, t.To, () => Holds(t.Guard), t.Guard?.Source ?? "always");
            for (var i = 0; i < state.Automatic.Count; i++)
            {
                var t = state.Automatic[i];
                config.PermitIf(AutoPrefix + i, t.To, () => Holds(t.Guard), t.Guard?.Source ?? "otherwise");
            }

            if (state.Timeout is { } timeout) config.Permit(TimeoutTrigger, timeout.To);
        }

        return machine;
    }

    private bool Holds(GuardExpression? guard) => guard is null || guard.Evaluate(Facts());

    private void Fire(string trigger, Actor? actor, string? comment, Guid? taskId, Guid? timerId)
    {
        var from = Instance.State;
        var definition = trigger == TimeoutTrigger ? null
            : trigger.StartsWith(AutoPrefix, StringComparison.Ordinal) ? Current.Automatic[int.Parse(trigger[AutoPrefix.Length..], CultureInfo.InvariantCulture)]
            : Current.FindAction(trigger);
        _machine.Fire(trigger);
        var name = trigger.StartsWith(AutoPrefix, StringComparison.Ordinal) ? "auto" : trigger;
        var step = Record(WorkflowStepKind.Transition, from, Instance.State, name, actor, comment, taskId, timerId);
        Instance.Visit = step.Sequence;
        Transitions.Add(new AppliedTransition(from, Instance.State, name, definition));
        EnterCurrent();
    }

    /// <summary>Leaves the previous visit (voiding its open tasks and timers) and sets up the current state: task slots, timers, or the end.</summary>
    private void EnterCurrent()
    {
        VoidOpenWork(all: false);
        var state = Current;
        if (state.Terminal)
        {
            Instance.Status = WorkflowInstanceStatus.Completed;
            Instance.Outcome = state.Outcome ?? state.Name;
            Instance.CompletedAt = Now;
            VoidOpenWork(all: true);
            return;
        }

        if (state.StopClock)
        {
            foreach (var timer in _timers.Where(t => t.Kind is WorkflowTimerKind.Deadline or WorkflowTimerKind.DeadlineWarning && t.Status == WorkflowTimerStatus.Pending))
                timer.Status = WorkflowTimerStatus.Cancelled;
        }

        if (state.Task is { } task) CreateTasks(state, task);
        if (state.Timeout is { } timeout) AddTimer(WorkflowTimerKind.StateTimeout, timeout.After.AddTo(Now), null);
    }

    private void RunAutomatic()
    {
        for (var i = 0; i < MaxAutomaticSteps; i++)
        {
            if (Instance.Status != WorkflowInstanceStatus.Running) return;
            var state = Current;
            var next = Enumerable.Range(0, state.Automatic.Count).Select(n => AutoPrefix + n).FirstOrDefault(_machine.CanFire);
            if (next is null) return;
            Fire(next, null, null, null, null);
        }

        throw new InvalidOperationException($"Workflow {Definition.Id} took more than {MaxAutomaticSteps} automatic transitions in one step.");
    }

    private void CreateTasks(StateDefinition state, TaskDefinition task)
    {
        var eligible = _env.Candidates
            .Where(c => c.Roles.Contains(task.Role) && _env.ConflictOf(c.ToActor()) is null && !InDistinctStates(c.UserId, task))
            .OrderBy(c => c.OpenTasks + _assignedNow.GetValueOrDefault(c.UserId))
            .ThenBy(c => c.UserId, StringComparer.Ordinal)
            .ToList();
        var slots = task.Assignees == 0 ? Math.Max(1, eligible.Count) : task.Assignees;
        for (var slot = 0; slot < slots; slot++)
        {
            var assignee = task.Assignment == AssignmentMode.LeastLoaded && slot < eligible.Count ? eligible[slot] : null;
            var row = new WorkflowTask
            {
                Id = Guid.NewGuid(), InstanceId = Instance.Id, DefinitionId = Definition.Id, State = state.Name, Visit = Instance.Visit, Slot = slot,
                Kind = task.Kind, Role = task.Role, AssigneeId = assignee?.UserId, AssigneeName = assignee?.DisplayName,
                Status = WorkflowTaskStatus.Open, CreatedAt = Now, DueAt = task.Sla?.AddTo(Now),
                ApplicationId = Instance.ApplicationId, Reference = Instance.Reference, Title = Instance.Title, RiskLevel = Instance.RiskLevel,
                DeadlineAt = Instance.DeadlineAt, ApplicantId = Instance.ApplicantId, OrganisationId = Instance.OrganisationId,
            };
            _tasks.Add(row);
            AddedTasks.Add(row);
            foreach (var remind in task.RemindAfter) AddTimer(WorkflowTimerKind.TaskReminder, remind.AddTo(Now), row.Id);
            if (row.DueAt is { } due) AddTimer(WorkflowTimerKind.TaskEscalation, due, row.Id);
            if (assignee is not null)
            {
                _assignedNow[assignee.UserId] = _assignedNow.GetValueOrDefault(assignee.UserId) + 1;
                Notify(assignee.UserId, NotificationKinds.TaskAssigned, row);
            }
        }

        // Unassigned slots wait in the team queue: eligible people may claim them, assigners may hand them out.
        var waiting = _tasks.FirstOrDefault(t => t.Visit == Instance.Visit && t.AssigneeId is null && t.Status == WorkflowTaskStatus.Open);
        if (waiting is null) return;
        foreach (var c in eligible.Where(c => !_tasks.Any(t => t.Visit == Instance.Visit && t.AssigneeId == c.UserId)))
            Notify(c.UserId, NotificationKinds.TaskInPool, waiting);
        foreach (var role in Definition.Assigners) NotifyRole(role, NotificationKinds.TaskInPool, waiting);
    }

    private void ScheduleDeadline()
    {
        if (Instance.DeadlineAt is not { } deadline || Definition.Deadline is not { } d) return;
        AddTimer(WorkflowTimerKind.Deadline, deadline, null);
        foreach (var warn in d.WarnBefore)
        {
            var at = warn.SubtractFrom(deadline);
            if (at > Now) AddTimer(WorkflowTimerKind.DeadlineWarning, at, null);
        }
    }

    private void AddTimer(WorkflowTimerKind kind, DateTimeOffset due, Guid? taskId)
    {
        var timer = new WorkflowTimer
        {
            Id = Guid.NewGuid(), InstanceId = Instance.Id, TaskId = taskId, Visit = Instance.Visit, Kind = kind, DueAt = due, Status = WorkflowTimerStatus.Pending,
        };
        _timers.Add(timer);
        AddedTimers.Add(timer);
    }

    private void VoidOpenWork(bool all)
    {
        foreach (var task in _tasks.Where(t => t.Status == WorkflowTaskStatus.Open && (all || t.Visit != Instance.Visit)))
        {
            task.Status = WorkflowTaskStatus.Cancelled;
            task.CompletedAt = Now;
        }

        foreach (var timer in _timers.Where(t => t.Status == WorkflowTimerStatus.Pending
                                                 && (all || (t.Visit != Instance.Visit && t.Kind is not (WorkflowTimerKind.Deadline or WorkflowTimerKind.DeadlineWarning)))))
            timer.Status = WorkflowTimerStatus.Cancelled;
    }

    private WorkflowStep Record(WorkflowStepKind kind, string? from, string to, string trigger, Actor? actor, string? comment, Guid? taskId = null, Guid? timerId = null)
    {
        var step = new WorkflowStep
        {
            Id = Guid.NewGuid(), InstanceId = Instance.Id, Sequence = ++Instance.StepCount, Kind = kind, At = Now, FromState = from, ToState = to,
            Trigger = trigger, ActorId = actor?.UserId ?? WorkflowSubjects.SystemRole, ActorName = actor?.DisplayName ?? "Gatekeeper",
            Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), TaskId = taskId, TimerId = timerId,
        };
        AddedSteps.Add(step);
        Instance.UpdatedAt = Now;
        return step;
    }

    private WorkflowTask? OpenTask(Guid taskId, TaskKind kind) =>
        Instance.Status == WorkflowInstanceStatus.Running
            ? _tasks.FirstOrDefault(t => t.Id == taskId && t.Status == WorkflowTaskStatus.Open && t.Visit == Instance.Visit && t.Kind == kind)
            : null;

    private DomainResult TaskRefusal(Guid taskId, TaskKind kind)
    {
        var task = _tasks.FirstOrDefault(t => t.Id == taskId);
        if (task is null) return DomainResult.Fail("taskId", "task-not-found", "No such task.");
        if (task.Kind != kind)
            return DomainResult.Fail("taskId", "wrong-task-kind", kind == TaskKind.Vote ? "This task is not a vote." : "This task is a vote; cast a vote instead.");
        return DomainResult.Fail("taskId", "task-closed", "This task is no longer open (someone acted first, or the review moved on).");
    }

    private DomainResult? Authorise(Actor actor, WorkflowTask task)
    {
        if (task.AssigneeId is not null && task.AssigneeId != actor.UserId)
            return DomainResult.Fail("actor", "not-assignee", "This task is assigned to someone else.");
        if (task.AssigneeId is null && !actor.IsInRole(task.Role))
            return DomainResult.Fail("actor", "role-required", $"Only a holder of the role {task.Role} can take this task.", ("role", task.Role));
        if (_env.ConflictOf(actor) is { } conflict) return Conflict(conflict);
        if (task.AssigneeId is null && IndependenceConflict(actor.UserId, task) is { } reason)
            return DomainResult.Fail("actor", "not-independent", reason);
        return null;
    }

    private string? IndependenceConflict(string userId, WorkflowTask task)
    {
        if (_tasks.Any(t => t.Id != task.Id && t.Visit == task.Visit && t.AssigneeId == userId && t.Status != WorkflowTaskStatus.Cancelled))
            return "Each task of this step needs a different person.";
        var definition = Definition.Find(task.State)?.Task;
        return definition is not null && InDistinctStates(userId, definition)
            ? $"Someone who took part in {string.Join(" or ", definition.DistinctFrom)} cannot take this task."
            : null;
    }

    private bool InDistinctStates(string userId, TaskDefinition task) =>
        task.DistinctFrom.Count > 0 && _tasks.Any(t => task.DistinctFrom.Contains(t.State) && (t.AssigneeId == userId || t.CompletedById == userId) && t.Status != WorkflowTaskStatus.Cancelled);

    private void Complete(WorkflowTask task, Actor actor, string outcome, string? comment)
    {
        task.AssigneeId ??= actor.UserId;
        task.AssigneeName ??= actor.DisplayName;
        task.Status = WorkflowTaskStatus.Completed;
        task.Outcome = outcome;
        task.Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        task.CompletedById = actor.UserId;
        task.CompletedAt = Now;
    }

    private IEnumerable<WorkflowTask> OpenTasksOfVisit() =>
        _tasks.Where(t => t.Status == WorkflowTaskStatus.Open && t.Visit == Instance.Visit).ToList();

    private void NotifyTask(WorkflowTask task, string kind)
    {
        if (task.AssigneeId is not null)
        {
            Notify(task.AssigneeId, kind, task);
            return;
        }

        foreach (var c in _env.Candidates.Where(c => c.Roles.Contains(task.Role) && _env.ConflictOf(c.ToActor()) is null))
            Notify(c.UserId, kind, task);
    }

    private void NotifyRole(string role, string kind, WorkflowTask? task)
    {
        foreach (var c in _env.Candidates.Where(c => c.Roles.Contains(role) && _env.ConflictOf(c.ToActor()) is null))
            Notify(c.UserId, kind, task);
    }

    private void Notify(string userId, string kind, WorkflowTask? task, params (string Key, string Value)[] args)
    {
        if (string.IsNullOrEmpty(userId) || Notifications.Any(n => n.UserId == userId && n.Kind == kind && n.TaskId == task?.Id)) return;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["reference"] = Instance.Reference,
            ["title"] = Instance.Title,
            ["state"] = task?.State ?? Instance.State,
            ["workflow"] = Definition.Id,
        };
        if (Instance.DeadlineAt is { } deadline) values["deadline"] = deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (task?.DueAt is { } due) values["due"] = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var (k, v) in args) values[k] = v;
        Notifications.Add(new NotificationIntent(userId, kind, Instance.Id, task?.Id, values));
    }

    private static DomainResult? CheckComment(string? comment, bool required)
    {
        if (required && string.IsNullOrWhiteSpace(comment)) return DomainResult.Fail("comment", "comment-required", "Say why (a comment is required).");
        if (comment?.Length > Domain.Reviews.ReviewLimits.Comments)
            return DomainResult.Fail("comment", "max-length", $"A comment may be at most {Domain.Reviews.ReviewLimits.Comments} characters.", ("max", Domain.Reviews.ReviewLimits.Comments));
        return null;
    }

    private static DomainResult Conflict(string conflict) =>
        DomainResult.Fail("actor", "conflict-of-interest", "You cannot act on an application of your own organisation or team.", ("conflict", conflict));

    private static DomainResult Closed() =>
        DomainResult.Fail("instance", "instance-closed", "This review has ended.");
}
