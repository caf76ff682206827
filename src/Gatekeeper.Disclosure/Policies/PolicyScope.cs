using Gatekeeper.Domain.Applications;

namespace Gatekeeper.Disclosure.Policies;

/// <summary>Which outputs a policy is for: dataset ids (<c>*</c> = any) and output tiers.</summary>
public sealed record PolicyScope
{
    public IReadOnlyList<string> Datasets { get; init; } = ["*"];

    public IReadOnlyList<OutputTier> Tiers { get; init; } = [OutputTier.AggregateStatistics, OutputTier.AnonymisedMicrodata];

    public bool IsWildcard => Datasets.Contains("*");

    public bool Covers(string dataset, OutputTier tier) =>
        Tiers.Contains(tier) && (IsWildcard || Datasets.Contains(dataset, StringComparer.Ordinal));
}
