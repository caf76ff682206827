namespace Gatekeeper.Workflows.Letters;

/// <summary>A rendered decision letter: a self-contained HTML page with a print stylesheet, and the template version used.</summary>
public sealed record DecisionLetter(string Html, string FileName, string Language, string TemplateSha256);
