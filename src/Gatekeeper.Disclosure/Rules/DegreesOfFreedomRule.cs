using Gatekeeper.Disclosure.Verdicts;

namespace Gatekeeper.Disclosure.Rules;

/// <summary>
/// <c>dof</c>: a standard deviation, variance or regression output with fewer than the minimum residual
/// degrees of freedom fails (few degrees of freedom let the individual values be solved for).
/// For standard deviations and variances the degrees of freedom are observations − 1.
/// </summary>
public static class DegreesOfFreedomRule
{
    public static CheckStatus Evaluate(long degreesOfFreedom, int minimum) =>
        degreesOfFreedom < minimum ? CheckStatus.Fail : CheckStatus.Pass;

    /// <summary>Degrees of freedom of a sample standard deviation or variance over <paramref name="observations"/> values.</summary>
    public static long ForDispersion(long observations) => observations - 1;
}
