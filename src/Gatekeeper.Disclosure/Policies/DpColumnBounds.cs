namespace Gatekeeper.Disclosure.Policies;

/// <summary>Clamping bounds of one variable from the policy (never from the data), and the value a missing or NaN value counts as (default: the lower bound).</summary>
public sealed record DpColumnBounds(double Lower, double Upper, double? Impute = null);
