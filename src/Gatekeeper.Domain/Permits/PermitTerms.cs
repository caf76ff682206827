using Gatekeeper.Domain.Applications;

namespace Gatekeeper.Domain.Permits;

/// <summary>
/// What the board approves: the datasets and variables (a subset of those asked for), the output tier
/// (at most the one asked for), the validity period and the privacy budget.
/// </summary>
public sealed record PermitTerms
{
    public List<PermittedDataset> Datasets { get; init; } = [];

    public OutputTier Tier { get; init; }

    public DateOnly ValidFrom { get; init; }

    /// <summary>Last day the permit is valid (inclusive, UTC).</summary>
    public DateOnly ValidUntil { get; init; }

    public PrivacyBudget? PrivacyBudget { get; init; }

    /// <summary>Terms granting exactly what the application asked for, for the period it asked for.</summary>
    public static PermitTerms AsRequested(SecondaryUseApplication application, PrivacyBudget? budget, DateOnly today) => new()
    {
        Datasets = application.Datasets.Select(d => new PermittedDataset
        {
            DatasetId = d.DatasetId, Variables = d.Variables.Select(v => new PermittedVariable(v.Table, v.Name)).ToList(),
        }).ToList(),
        Tier = application.RequestedTier ?? OutputTier.AggregateStatistics,
        ValidFrom = application.PeriodStart is { } start && start > today ? start : today,
        ValidUntil = application.PeriodEnd ?? today.AddYears(1),
        PrivacyBudget = budget,
    };
}
