using Gatekeeper.Disclosure.Tables;
using Gatekeeper.Disclosure.Verdicts;

namespace Gatekeeper.Disclosure.Rules;

/// <summary>
/// <c>nk-dominance</c>: the cell fails when its n largest contributors hold at least k of the total
/// (n = 1 or 2). A total of zero has nothing to dominate and passes (as in ACRO). Negative
/// contributions make shares meaningless, so they send the cell to review. Exact in decimal.
/// </summary>
public static class NkDominanceRule
{
    public static CheckStatus Evaluate(in DominanceStatistics d, int n, decimal k)
    {
        if (d.HasNegative) return CheckStatus.Review;
        if (d.Total <= 0) return CheckStatus.Pass;
        var top = n == 1 ? d.Largest : d.Largest + d.SecondLargest;
        return top >= k * d.Total ? CheckStatus.Fail : CheckStatus.Pass;
    }
}
