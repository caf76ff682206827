using Gatekeeper.Domain.Applications;

namespace Gatekeeper.Disclosure.Policies;

/// <summary>
/// The disclosure policies of a folder, selected by dataset and output tier. A policy naming a dataset
/// beats a wildcard (<c>*</c>) policy; two policies that would both apply to the same dataset and tier
/// with the same specificity are refused at load, so selection is never a coin toss.
/// </summary>
public sealed class DisclosurePolicyCatalogue
{
    private readonly List<DisclosurePolicy> _policies;

    public DisclosurePolicyCatalogue(IEnumerable<DisclosurePolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        _policies = [.. policies];
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in _policies)
        {
            if (!ids.Add(p.Id)) throw new DisclosurePolicyException(p.Reference.Source, $"policy id '{p.Id}' is used by two files.");
        }

        foreach (var tier in Enum.GetValues<OutputTier>())
        {
            var wildcards = _policies.Where(p => p.Scope.IsWildcard && p.Scope.Tiers.Contains(tier)).ToList();
            if (wildcards.Count > 1)
                throw new DisclosurePolicyException(wildcards[1].Reference.Source, $"both '{wildcards[0].Id}' and '{wildcards[1].Id}' apply to every dataset for tier {tier}.");
            var claimed = new Dictionary<string, DisclosurePolicy>(StringComparer.Ordinal);
            foreach (var p in _policies.Where(p => !p.Scope.IsWildcard && p.Scope.Tiers.Contains(tier)))
            {
                foreach (var ds in p.Scope.Datasets)
                {
                    if (claimed.TryGetValue(ds, out var other) && other.Scope.Datasets.Count == p.Scope.Datasets.Count)
                        throw new DisclosurePolicyException(p.Reference.Source, $"both '{other.Id}' and '{p.Id}' apply to dataset '{ds}' for tier {tier}.");
                    claimed.TryAdd(ds, p);
                }
            }
        }
    }

    public IReadOnlyList<DisclosurePolicy> Policies => _policies;

    /// <summary>Loads every <c>*.yaml</c> file of a folder (e.g. <c>policies/disclosure</c>).</summary>
    public static DisclosurePolicyCatalogue LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory)) throw new DisclosurePolicyException(directory, "the policy folder does not exist.");
        var files = Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new DisclosurePolicyException(directory, "the folder holds no *.yaml policy.");
        return new DisclosurePolicyCatalogue(files.Select(DisclosurePolicyLoader.Load));
    }

    public DisclosurePolicy? FindById(string id) => _policies.Find(p => string.Equals(p.Id, id, StringComparison.Ordinal));

    /// <summary>
    /// The policy for an output built from <paramref name="datasets"/> at <paramref name="tier"/>: the most
    /// specific policy that names every dataset; the wildcard policy only when no dataset has a policy
    /// of its own (a dataset's stricter policy is never dropped because another dataset was joined in).
    /// </summary>
    public DisclosurePolicy Select(IReadOnlyCollection<string> datasets, OutputTier tier)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        if (datasets.Count == 0) throw new ArgumentException("At least one dataset is needed.", nameof(datasets));
        var specific = _policies.Where(p => !p.Scope.IsWildcard && p.Scope.Tiers.Contains(tier)).ToList();
        var covering = specific.Where(p => datasets.All(d => p.Scope.Datasets.Contains(d, StringComparer.Ordinal)))
            .OrderBy(p => p.Scope.Datasets.Count).ToList();
        if (covering.Count > 0) return covering[0];
        var named = datasets.Where(d => specific.Exists(p => p.Scope.Datasets.Contains(d, StringComparer.Ordinal))).ToList();
        if (named.Count > 0)
            throw new DisclosurePolicyException(string.Join(", ", datasets), $"dataset(s) {string.Join(", ", named)} have their own policy for tier {tier} but no policy covers the combination; add one listing every dataset.");
        var wildcard = _policies.Find(p => p.Scope.IsWildcard && p.Scope.Tiers.Contains(tier));
        return wildcard ?? throw new DisclosurePolicyException(string.Join(", ", datasets), $"no disclosure policy applies to tier {tier}.");
    }
}
