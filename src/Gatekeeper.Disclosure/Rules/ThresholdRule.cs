using Gatekeeper.Disclosure.Verdicts;

namespace Gatekeeper.Disclosure.Rules;

/// <summary>
/// <c>threshold</c>: a cell built from 1..threshold−1 units fails. An empty cell (0 units) is the zero
/// rule's business, so that <c>zeros_are_disclosive: false</c> can let true zeros through.
/// </summary>
public static class ThresholdRule
{
    public static CheckStatus Evaluate(long count, int threshold) =>
        count > 0 && count < threshold ? CheckStatus.Fail : CheckStatus.Pass;
}
