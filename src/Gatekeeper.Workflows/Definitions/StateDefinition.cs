using Gatekeeper.Domain.Policies;

namespace Gatekeeper.Workflows.Definitions;

/// <summary>A state of a workflow: a human task, a wait for an event, an automatic routing point, or an end.</summary>
public sealed record StateDefinition
{
    public required string Name { get; init; }

    public LocalisedText? Title { get; init; }

    public bool Terminal { get; init; }

    /// <summary>Outcome recorded when an instance ends here (terminal states).</summary>
    public string? Outcome { get; init; }

    public TaskDefinition? Task { get; init; }

    public IReadOnlyList<TransitionDefinition> Transitions { get; init; } = [];

    /// <summary>Evaluated in order after every step; the first whose guard holds is taken.</summary>
    public IReadOnlyList<TransitionDefinition> Automatic { get; init; } = [];

    public TimeoutDefinition? Timeout { get; init; }

    /// <summary>Entering this state stops the deadline clock (e.g. while the researcher revises: the board is not late).</summary>
    public bool StopClock { get; init; }

    public int Line { get; init; }

    public TransitionDefinition? FindAction(string action) =>
        Transitions.FirstOrDefault(t => string.Equals(t.Action, action, StringComparison.Ordinal));

    /// <summary>Every state this one can lead to.</summary>
    public IEnumerable<string> Targets =>
        Transitions.Select(t => t.To).Concat(Automatic.Select(t => t.To)).Concat(Timeout is null ? [] : [Timeout.To]);
}
