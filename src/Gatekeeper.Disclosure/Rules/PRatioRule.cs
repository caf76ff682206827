using Gatekeeper.Disclosure.Tables;
using Gatekeeper.Disclosure.Verdicts;

namespace Gatekeeper.Disclosure.Rules;

/// <summary>
/// <c>p-ratio</c> (p% rule): the second largest contributor can estimate the largest one's value to
/// within the rest of the cell, total − largest − second; the cell fails when that is less than p ×
/// largest. Equality passes. Negative contributions break the rule's premise (the rest is no longer
/// an upper bound on the estimation error), so they send the cell to review. Exact in decimal.
/// </summary>
public static class PRatioRule
{
    public static CheckStatus Evaluate(in DominanceStatistics d, decimal p)
    {
        if (d.HasNegative) return CheckStatus.Review;
        return d.Total - d.Largest - d.SecondLargest < p * d.Largest ? CheckStatus.Fail : CheckStatus.Pass;
    }
}
