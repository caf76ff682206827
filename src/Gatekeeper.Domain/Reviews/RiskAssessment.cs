namespace Gatekeeper.Domain.Reviews;

/// <summary>
/// The risk of an application under the risk policy: the score, the level that routes the review
/// (low: one reviewer and the chair; high: the full ELSI panel), and why.
/// </summary>
public sealed record RiskAssessment(int Score, string Level, IReadOnlyList<RiskContribution> Contributions, IReadOnlyList<string> HighRiskRules, string PolicySha256)
{
    public const string Low = "low";
    public const string High = "high";
}
