namespace Gatekeeper.Workflows.Risk;

/// <summary>
/// The risk policy (<c>policies/risk.yaml</c>): points per factor, the score from which an application
/// is high risk, and rules that make it high risk outright. <see cref="Sha256"/> identifies the version.
/// </summary>
public sealed record RiskPolicy
{
    public required string Version { get; init; }

    public required string Sha256 { get; init; }

    public int HighRiskAt { get; init; }

    public required IReadOnlyDictionary<string, int> TierPoints { get; init; }

    public required IReadOnlyDictionary<string, int> SpecialCategoryPoints { get; init; }

    /// <summary>Points of a special category not listed in <see cref="SpecialCategoryPoints"/>.</summary>
    public int OtherSpecialCategoryPoints { get; init; }

    public int SensitiveVariablePoints { get; init; }

    public int SensitiveVariableMax { get; init; }

    public int LinkagePoints { get; init; }

    public int CommercialPurposePoints { get; init; }

    public required IReadOnlyDictionary<string, int> PurposePoints { get; init; }

    public required IReadOnlyList<RiskRule> AlwaysHigh { get; init; }
}
