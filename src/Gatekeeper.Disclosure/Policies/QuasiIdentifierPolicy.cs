namespace Gatekeeper.Disclosure.Policies;

/// <summary>A quasi-identifier column and its generalisation hierarchy (level 0 = original values).</summary>
public sealed record QuasiIdentifierPolicy
{
    public required string Column { get; init; }

    public AttributeKind Kind { get; init; } = AttributeKind.Categorical;

    /// <summary>Levels 1..n; level i applies <c>Hierarchy[i - 1]</c> to the original value.</summary>
    public IReadOnlyList<GeneralisationStep> Hierarchy { get; init; } = [];

    /// <summary>The level anonymisation starts from (default 1 when there is a hierarchy: the policy's first generalisation).</summary>
    public int StartLevel { get; init; } = 1;
}
