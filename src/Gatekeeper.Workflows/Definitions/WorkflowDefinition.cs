using Gatekeeper.Domain.Policies;
using Gatekeeper.Workflows.Guards;
using Stateless;
using Stateless.Graph;

namespace Gatekeeper.Workflows.Definitions;

/// <summary>
/// A validated workflow definition, identified by <see cref="Id"/> and versioned by the SHA-256 of its
/// file (<see cref="Sha256"/>). Running instances stay on the version they started with.
/// </summary>
public sealed record WorkflowDefinition
{
    public required string Id { get; init; }

    public required string Sha256 { get; init; }

    public required string FileName { get; init; }

    /// <summary>The file's text, stored with the instances so a pinned version survives edits of the file.</summary>
    public required string Source { get; init; }

    public required string Subject { get; init; }

    public LocalisedText? Title { get; init; }

    public required string Initial { get; init; }

    public required IReadOnlyList<StateDefinition> States { get; init; }

    public DeadlineDefinition? Deadline { get; init; }

    /// <summary>Roles that may assign and reassign any task of this workflow (bulk assignment).</summary>
    public IReadOnlyList<string> Assigners { get; init; } = [];

    public required GuardSchema Schema { get; init; }

    public StateDefinition? Find(string state) => States.FirstOrDefault(s => s.Name == state);

    public StateDefinition State(string state) =>
        Find(state) ?? throw new InvalidOperationException($"Workflow {Id} ({Sha256[..12]}) has no state '{state}'.");

    /// <summary>The definition as a Graphviz DOT graph (states, actions, guards), for documentation.</summary>
    public string ToDotGraph()
    {
        var current = Initial;
        var machine = new StateMachine<string, string>(() => current, s => current = s);
        foreach (var state in States)
        {
            var config = machine.Configure(state.Name);
            foreach (var t in state.Transitions)
                config.PermitIf(t.Action!, t.To, () => true, t.Guard is null ? $"[{t.Role}]" : $"[{t.Role}] {t.Guard}");
            for (var i = 0; i < state.Automatic.Count; i++)
                config.PermitIf($"auto{i + 1}", state.Automatic[i].To, () => true, state.Automatic[i].Guard?.Source ?? "otherwise");
            if (state.Timeout is { } timeout) config.Permit($"timeout {timeout.After}", timeout.To);
        }

        return UmlDotGraph.Format(machine.GetInfo());
    }
}
