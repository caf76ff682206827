using Gatekeeper.Disclosure.Verdicts;

namespace Gatekeeper.Disclosure.Rules;

/// <summary>
/// <c>missing</c>: when the policy checks missing values, a cell whose contributing rows had missing
/// values goes to review: the statistic then describes fewer people than the cell count suggests, and
/// the pattern of missingness can itself be disclosive.
/// </summary>
public static class MissingValuesRule
{
    public static CheckStatus Evaluate(bool hasMissing, bool checkMissingValues) =>
        hasMissing && checkMissingValues ? CheckStatus.Review : CheckStatus.Pass;
}
