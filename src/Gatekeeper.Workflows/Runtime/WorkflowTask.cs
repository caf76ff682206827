using Gatekeeper.Workflows.Definitions;

namespace Gatekeeper.Workflows.Runtime;

/// <summary>
/// A human task (a bookmark): the instance waits here until the assignee acts or votes. One row per
/// slot of a state's visit; (instance, visit, slot) is unique, so a task can never be created twice.
/// Queue columns (reference, title, risk, deadline, organisation) are copied from the instance so the
/// queue page is one indexed query.
/// </summary>
public sealed class WorkflowTask
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    public required string DefinitionId { get; set; }

    public required string State { get; set; }

    public int Visit { get; set; }

    public int Slot { get; set; }

    public TaskKind Kind { get; set; }

    public required string Role { get; set; }

    public string? AssigneeId { get; set; }

    public string? AssigneeName { get; set; }

    public WorkflowTaskStatus Status { get; set; }

    /// <summary>The action taken or the vote cast.</summary>
    public string? Outcome { get; set; }

    public string? Comment { get; set; }

    public string? CompletedById { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>End of the task's SLA (null: none).</summary>
    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public bool Escalated { get; set; }

    public Guid ApplicationId { get; set; }

    public string Reference { get; set; } = "";

    public string Title { get; set; } = "";

    public string? RiskLevel { get; set; }

    public DateTimeOffset? DeadlineAt { get; set; }

    public string ApplicantId { get; set; } = "";

    public string OrganisationId { get; set; } = "";
}
