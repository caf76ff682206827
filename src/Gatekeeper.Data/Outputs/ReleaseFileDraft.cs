namespace Gatekeeper.Data.Outputs;

/// <summary>One file of a <see cref="ReleaseDraft"/>: include it or not, describe it, and (for a failing file) ask for an exception.</summary>
public sealed record ReleaseFileDraft(Guid FileId, bool Included, string? Description, string? ExceptionJustification);
