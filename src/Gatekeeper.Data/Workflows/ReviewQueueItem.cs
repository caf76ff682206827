using Gatekeeper.Workflows.Definitions;

namespace Gatekeeper.Data.Workflows;

/// <summary>One row of the review queue: a task and the review it belongs to.</summary>
public sealed record ReviewQueueItem(
    Guid TaskId,
    Guid InstanceId,
    Guid ApplicationId,
    string DefinitionId,
    string Reference,
    string Title,
    string State,
    TaskKind Kind,
    string Role,
    string? AssigneeId,
    string? AssigneeName,
    string? RiskLevel,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? DeadlineAt,
    bool Escalated);
