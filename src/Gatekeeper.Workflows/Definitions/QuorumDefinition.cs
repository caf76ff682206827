namespace Gatekeeper.Workflows.Definitions;

/// <summary>"<see cref="Count"/> of the assigned reviewers vote one of <see cref="Choices"/>".</summary>
public sealed record QuorumDefinition(int Count, IReadOnlyList<string> Choices);
