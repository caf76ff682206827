namespace Gatekeeper.Workflows.Definitions;

/// <summary>When a state has lasted <see cref="After"/>, the instance moves to <see cref="To"/>.</summary>
public sealed record TimeoutDefinition(IsoDuration After, string To, int Line);
