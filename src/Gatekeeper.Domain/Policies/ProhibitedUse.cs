namespace Gatekeeper.Domain.Policies;

/// <summary>
/// A use that is never permitted (EHDS Art. 54-style). Applications are screened for its phrases
/// and refused at submission when one appears in the purpose texts.
/// </summary>
public sealed record ProhibitedUse
{
    public required string Code { get; init; }

    public required LocalisedText Name { get; init; }

    /// <summary>Phrases (any language) whose presence in the purpose texts indicates this use; matched case-insensitively.</summary>
    public required IReadOnlyList<string> Phrases { get; init; }
}
