using Gatekeeper.Domain.Policies;

namespace Gatekeeper.Workflows.Definitions;

/// <summary>The human task of a state: who does it, how many, by when, and who hears when it is late.</summary>
public sealed record TaskDefinition
{
    public required TaskKind Kind { get; init; }

    public required string Role { get; init; }

    /// <summary>Number of people (slots); 0 means every eligible holder of the role.</summary>
    public int Assignees { get; init; } = 1;

    public AssignmentMode Assignment { get; init; } = AssignmentMode.LeastLoaded;

    /// <summary>Vote choices (vote tasks only).</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    public QuorumDefinition? Quorum { get; init; }

    /// <summary>Time to complete the task; at its end the task is escalated.</summary>
    public IsoDuration? Sla { get; init; }

    /// <summary>Reminders to the assignee, counted from the task's creation.</summary>
    public IReadOnlyList<IsoDuration> RemindAfter { get; init; } = [];

    /// <summary>Role told when the SLA passes.</summary>
    public string? EscalateTo { get; init; }

    /// <summary>States whose assignees may not take this task (e.g. the chair who confirms must not have voted).</summary>
    public IReadOnlyList<string> DistinctFrom { get; init; } = [];

    public LocalisedText? Instructions { get; init; }

    public int Line { get; init; }
}
