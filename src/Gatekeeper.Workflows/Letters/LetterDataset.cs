namespace Gatekeeper.Workflows.Letters;

/// <summary>An approved dataset and its variables as a letter lists them.</summary>
public sealed record LetterDataset(string Id, string Name, IReadOnlyList<LetterVariable> Variables);
