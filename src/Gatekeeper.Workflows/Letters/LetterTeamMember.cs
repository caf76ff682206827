namespace Gatekeeper.Workflows.Letters;

/// <summary>A named member of the permit's team.</summary>
public sealed record LetterTeamMember(string Name, string Organisation, string Role);
