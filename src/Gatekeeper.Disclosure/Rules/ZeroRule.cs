using Gatekeeper.Disclosure.Verdicts;

namespace Gatekeeper.Disclosure.Rules;

/// <summary>
/// <c>zero</c>: an empty cell tells that nobody in the group has the property (class disclosure). It
/// fails when zeros are disclosive, unless the zero is structural (impossible by definition, so
/// publishing it reveals nothing).
/// </summary>
public static class ZeroRule
{
    public static CheckStatus Evaluate(long count, bool structuralZero, bool zerosAreDisclosive) =>
        count == 0 && zerosAreDisclosive && !structuralZero ? CheckStatus.Fail : CheckStatus.Pass;
}
