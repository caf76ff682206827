namespace Gatekeeper.Workflows.Definitions;

/// <summary>
/// The instance's overall deadline (EHDS: a data access body decides within 3 months, extendable once
/// by 3 months), with warnings before it and escalation at it.
/// </summary>
public sealed record DeadlineDefinition
{
    public required IsoDuration After { get; init; }

    public IsoDuration? Extension { get; init; }

    public int MaxExtensions { get; init; }

    public string? ExtendRole { get; init; }

    /// <summary>Warnings to the open tasks' assignees, counted back from the deadline.</summary>
    public IReadOnlyList<IsoDuration> WarnBefore { get; init; } = [];

    /// <summary>Role told when the deadline passes.</summary>
    public string? EscalateTo { get; init; }

    public int Line { get; init; }
}
