namespace Gatekeeper.Domain.Reviews;

/// <summary>One reason an application's risk score is what it is.</summary>
public sealed record RiskContribution(string Factor, int Points, string Detail);
