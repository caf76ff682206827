using Gatekeeper.Data.Seeding;
using Gatekeeper.Domain.Common;
using Gatekeeper.Workflows.Definitions;
using Gatekeeper.Workflows.Engine;
using Gatekeeper.Workflows.Guards;
using Gatekeeper.Workflows.Runtime;

namespace Gatekeeper.Workflows.Tests.Support;

/// <summary>
/// Runs the engine in memory, as the store would: rows live in lists shared between steps, each step
/// is a fresh <see cref="WorkflowSession"/> over them. The subject is an application of 佐藤 (university
/// hospital) with one partner on the team; the people are the demo directory plus any added.
/// </summary>
public sealed class EngineRig
{
    public const string ApplicantId = "researcher-sato";
    public const string ApplicantOrganisation = "univ-tokyo-hosp";
    public const string TeamEmail = "partner@kenko-ventures.example";

    public EngineRig(WorkflowDefinition definition)
    {
        Definition = definition;
        People = DemoDirectory.Users
            .Select(u => new WorkflowCandidate(u.Id, u.DisplayName, u.Email, u.OrganisationId, u.Roles.ToHashSet(), 0)).ToList();
    }

    public WorkflowDefinition Definition { get; }

    public DateTimeOffset Now { get; set; } = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public List<WorkflowCandidate> People { get; }

    public WorkflowInstance Instance { get; private set; } = null!;

    public List<WorkflowTask> Tasks { get; } = [];

    public List<WorkflowTimer> Timers { get; } = [];

    public List<WorkflowStep> Steps { get; } = [];

    public List<NotificationIntent> Notifications { get; } = [];

    public List<AppliedTransition> Transitions { get; } = [];

    public static Actor Person(string userId, params string[] extraRoles)
    {
        var u = DemoDirectory.Users.First(x => x.Id == userId);
        return new Actor(u.Id, u.DisplayName, u.Email, u.OrganisationId, u.Roles.Concat(extraRoles).ToHashSet());
    }

    public static Actor Steward => Person("steward-ito");

    public static Actor Watanabe => Person("reviewer-watanabe");

    public static Actor Yamamoto => Person("reviewer-yamamoto");

    public static Actor Chair => Person("chair-nakamura");

    public EngineRig Add(string userId, string name, string organisation, params string[] roles)
    {
        People.Add(new WorkflowCandidate(userId, name, $"{userId}@example.org", organisation, roles.ToHashSet(), 0));
        return this;
    }

    public Actor ActorOf(string userId) => People.First(p => p.UserId == userId).ToActor();

    public static string? Conflict(Actor actor) =>
        actor.UserId == ApplicantId ? "applicant"
        : string.Equals(actor.Email, TeamEmail, StringComparison.OrdinalIgnoreCase) ? "team-member"
        : actor.OrganisationId == ApplicantOrganisation ? "same-organisation"
        : null;

    public WorkflowEnvironment Environment() => new()
    {
        Now = Now,
        Candidates = People.Select(p => p with { OpenTasks = Tasks.Count(t => t.Status == WorkflowTaskStatus.Open && t.AssigneeId == p.UserId) }).ToList(),
        ConflictOf = Conflict,
    };

    public EngineRig Start(GuardFacts? facts = null)
    {
        var instance = new WorkflowInstance
        {
            Id = Guid.NewGuid(), DefinitionId = "", DefinitionVersion = "", SubjectType = "", SubjectId = Guid.NewGuid(), ApplicationId = Guid.NewGuid(),
            Reference = "GK-2026-TEST01", Title = "Steps and HbA1c", ApplicantId = ApplicantId, OrganisationId = ApplicantOrganisation,
        };
        var session = WorkflowSession.Start(Definition, instance, facts ?? new GuardFacts().Set("risk.level", "low"), Environment(), null);
        Instance = instance;
        Absorb(session);
        return this;
    }

    /// <summary>One step: a fresh session over the shared rows, the operation, then its output kept.</summary>
    public DomainResult Do(Func<WorkflowSession, DomainResult> operation)
    {
        var session = Session();
        var result = operation(session);
        if (result.Succeeded) Absorb(session);
        return result;
    }

    public WorkflowSession Session() =>
        new(Definition, Instance, Tasks, Timers.Where(t => t.Status == WorkflowTimerStatus.Pending), Environment());

    /// <summary>Moves the clock and fires every timer due by then, in due order, one step each.</summary>
    public int AdvanceTo(DateTimeOffset at)
    {
        Now = at;
        var fired = 0;
        while (Timers.Where(t => t.Status == WorkflowTimerStatus.Pending && t.DueAt <= Now).OrderBy(t => t.DueAt).FirstOrDefault() is { } timer)
        {
            Do(s =>
            {
                s.FireTimer(timer);
                return DomainResult.Ok;
            });
            fired++;
        }

        return fired;
    }

    public IReadOnlyList<WorkflowTask> Open(string? state = null) =>
        Tasks.Where(t => t.Status == WorkflowTaskStatus.Open && (state is null || t.State == state)).OrderBy(t => t.Slot).ToList();

    public WorkflowTask OpenTaskOf(string userId) => Tasks.Single(t => t.Status == WorkflowTaskStatus.Open && t.AssigneeId == userId);

    public static void Ok(DomainResult result) => Assert.True(result.Succeeded, $"Expected success: {result}");

    public static void Refused(DomainResult result, string rule)
    {
        Assert.False(result.Succeeded, $"Expected '{rule}', but it succeeded.");
        Assert.Contains(result.Errors, e => e.Rule == rule);
    }

    private void Absorb(WorkflowSession session)
    {
        Tasks.AddRange(session.AddedTasks);
        Timers.AddRange(session.AddedTimers);
        Steps.AddRange(session.AddedSteps);
        Notifications.AddRange(session.Notifications);
        Transitions.AddRange(session.Transitions);
    }
}
