namespace Gatekeeper.Data.Audit.Dashboard;

/// <summary>Privacy budget a permit spent (sum of <c>budget.spent</c> entries).</summary>
public sealed record PermitBudget(string PermitId, double Epsilon, double Delta, int Spends);
