using Gatekeeper.Disclosure.Verdicts;

namespace Gatekeeper.Disclosure.Rules;

/// <summary>
/// A minimum or maximum is one contributor's own value: one unit holds the whole statistic, the
/// extreme case of dominance. It is reported under <c>nk-dominance</c> (n = 1, share = 100%) with
/// outcome review, unless the policy allows min/max outright.
/// </summary>
public static class MinMaxRule
{
    public static CheckStatus Evaluate(bool allowMinMax, bool hasValue) =>
        allowMinMax || !hasValue ? CheckStatus.Pass : CheckStatus.Review;
}
