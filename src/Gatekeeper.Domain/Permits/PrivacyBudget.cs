namespace Gatekeeper.Domain.Permits;

/// <summary>
/// The differential-privacy budget of a permit: total ε over all its DP outputs, and δ where
/// approximate DP is used (null: pure ε-DP only).
/// </summary>
public sealed record PrivacyBudget(double Epsilon, double? Delta = null);
