namespace Gatekeeper.Data.Outputs;

/// <summary>The researcher's edits of a release request: the overall description and, per file, what to ask for.</summary>
public sealed record ReleaseDraft
{
    public string? Description { get; init; }

    public IReadOnlyList<ReleaseFileDraft> Files { get; init; } = [];
}
