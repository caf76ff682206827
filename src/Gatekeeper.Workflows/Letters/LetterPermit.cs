namespace Gatekeeper.Workflows.Letters;

/// <summary>The permit as a decision letter shows it.</summary>
public sealed record LetterPermit
{
    public required string Number { get; init; }

    public required string Tier { get; init; }

    public required string ValidFrom { get; init; }

    public required string ValidUntil { get; init; }

    public string? Epsilon { get; init; }

    public string? Delta { get; init; }

    public IReadOnlyList<LetterDataset> Datasets { get; init; } = [];

    public IReadOnlyList<LetterTeamMember> Team { get; init; } = [];
}
