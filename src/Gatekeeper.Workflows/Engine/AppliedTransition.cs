using Gatekeeper.Workflows.Definitions;

namespace Gatekeeper.Workflows.Engine;

/// <summary>A transition the engine took in a step; <see cref="Definition"/> carries its decision, if any, for the host to apply.</summary>
public sealed record AppliedTransition(string From, string To, string Trigger, TransitionDefinition? Definition);
