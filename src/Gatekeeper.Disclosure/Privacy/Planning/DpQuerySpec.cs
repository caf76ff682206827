using Gatekeeper.Disclosure.Privacy.Bounding;
using Gatekeeper.Disclosure.Privacy.Budget;
using Gatekeeper.Disclosure.Privacy.Partitions;

namespace Gatekeeper.Disclosure.Privacy.Planning;

/// <summary>
/// A DP aggregate to plan: the rows (<see cref="Source"/>, a relation the enclave has already scoped to
/// the permit), whose person each row is, the group-by columns, the statistics, the policy's contribution
/// bounds and group-key policy, and the budget this query may spend (its model decides the noise:
/// discrete Laplace under (ε, δ), discrete Gaussian under zCDP).
/// </summary>
public sealed record DpQuerySpec(
    string Source,
    string PersonColumn,
    IReadOnlyList<string> GroupColumns,
    IReadOnlyList<DpMeasureSpec> Measures,
    ContributionBounds Bounds,
    GroupKeyPolicy Keys,
    PrivacyBudget Allotment);
