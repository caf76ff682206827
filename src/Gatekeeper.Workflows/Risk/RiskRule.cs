using Gatekeeper.Domain.Policies;
using Gatekeeper.Workflows.Guards;

namespace Gatekeeper.Workflows.Risk;

/// <summary>A condition that makes an application high risk whatever its score (e.g. the pseudonymised tier).</summary>
public sealed record RiskRule(string Code, GuardExpression When, LocalisedText Reason);
