namespace Gatekeeper.Workflows.Letters;

/// <summary>An approved variable as a letter lists it.</summary>
public sealed record LetterVariable(string Name, string Label);
