using System.Security.Cryptography;
using Gatekeeper.Disclosure.Policies;
using Gatekeeper.Disclosure.Privacy.Budget;
using Gatekeeper.Disclosure.Suppression;
using Gatekeeper.Domain.Applications;

namespace Gatekeeper.Disclosure.Tests.Policies;

public sealed class DifferentialPrivacyPolicyTests : IDisposable
{
    private const string Head = "id: x\nversion: '1'\ndifferential_privacy:\n";
    private const string Valid = Head + "  required: true\n  per_query: { epsilon: 0.5 }\n  contribution: { max_rows_per_person: 10, max_groups_per_person: 2 }\n";
    private readonly string _folder = Directory.CreateTempSubdirectory("gk-dp-policy-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_shipped_dp_policy_loads_selects_for_its_dataset_and_keeps_the_file_hash()
    {
        var path = Path.Combine(TestPolicies.PolicyFolder, "dpp-dp.yaml");
        var policy = DisclosurePolicyLoader.Load(path);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), policy.Sha256);
        Assert.True(policy.RequiresDifferentialPrivacy);
        var dp = policy.DifferentialPrivacy!;
        Assert.Equal(PrivacyBudgetModel.ApproximateDp, dp.Measure);
        Assert.Equal(0.25m, dp.Epsilon);
        Assert.Equal(0.0000001m, dp.Delta);
        Assert.Equal((366, 2), (dp.MaxRowsPerPerson, dp.MaxGroupsPerPerson));
        Assert.Equal(new DpColumnBounds(0, 30000), dp.Bounds["step"]);
        Assert.Equal(new DpColumnBounds(30, 150, 30), dp.Bounds["weight"]);
        Assert.Equal(["0", "1", "2", "9"], dp.PublicKeys["sex"]);
        Assert.True(dp.PartitionSelection);
        Assert.Equal(PrivacyBudget.ApproximateDp(new Rational(1, 4), new Rational(1, 10_000_000)), dp.Allotment());

        var catalogue = DisclosurePolicyCatalogue.LoadDirectory(TestPolicies.PolicyFolder);
        Assert.Equal("dpp-dp", catalogue.Select(["dpp-dp"], OutputTier.AggregateStatistics).Id);
        Assert.False(catalogue.Select(["dpp"], OutputTier.AggregateStatistics).RequiresDifferentialPrivacy);
    }

    [Fact]
    public void A_policy_without_the_section_does_not_require_dp_and_a_zcdp_section_reads_rho()
    {
        Assert.Null(Load("id: x\nversion: '1'\n").DifferentialPrivacy);
        var dp = Load(Head + "  required: true\n  measure: zcdp\n  per_query: { rho: 0.125, delta: 1e-6 }\n  conversion_delta: 1e-7\n" +
                      "  contribution: { max_rows_per_person: 4, max_groups_per_person: 1, max_rows_per_group: 2 }\n  group_keys: { partition_selection: true }\n  release_padding_ms: 50\n").DifferentialPrivacy!;
        Assert.Equal(PrivacyBudgetModel.ZeroConcentratedDp, dp.Measure);
        Assert.Equal(PrivacyBudget.Zcdp(new Rational(1, 8), new Rational(1, 1_000_000)), dp.Allotment());
        Assert.Equal(2, dp.MaxRowsPerGroup);
        Assert.Equal(50, dp.ReleasePaddingMs);
        Assert.True(Load(Valid).RequiresDifferentialPrivacy);
    }

    [Theory]
    [InlineData(Head + "  per_query: { epsilon: 1 }\n  contribution: { max_rows_per_person: 1, max_groups_per_person: 1 }\n", "'differential_privacy.required' is required")]
    [InlineData(Head + "  required: true\n  measure: renyi\n", "'differential_privacy.measure' must be pure-dp")]
    [InlineData(Head + "  required: true\n  contribution: { max_rows_per_person: 1, max_groups_per_person: 1 }\n", "'differential_privacy.per_query' is required")]
    [InlineData(Head + "  required: true\n  per_query: { epsilon: 0 }\n", "'differential_privacy.per_query.epsilon' must be a positive number")]
    [InlineData(Head + "  required: true\n  per_query: { epsilon: 1, rho: 1 }\n", "'differential_privacy.per_query.rho' belongs to measure zcdp")]
    [InlineData(Head + "  required: true\n  measure: zcdp\n  per_query: { rho: 0.1 }\n", "'differential_privacy.conversion_delta' must be in (0, 1)")]
    [InlineData(Head + "  required: true\n  measure: zcdp\n  per_query: { epsilon: 1 }\n", "'differential_privacy.per_query.rho' must be a positive number")]
    [InlineData(Head + "  required: true\n  per_query: { epsilon: 1, delta: 1 }\n", "'differential_privacy.per_query.delta' must be in [0, 1)")]
    [InlineData(Head + "  required: true\n  per_query: { epsilon: 1 }\n", "'differential_privacy.contribution' is required")]
    [InlineData(Head + "  required: true\n  per_query: { epsilon: 1 }\n  contribution: { max_groups_per_person: 1 }\n", "'differential_privacy.contribution.max_rows_per_person' must be at least 1")]
    [InlineData(Head + "  required: true\n  per_query: { epsilon: 1 }\n  contribution: { max_rows_per_person: 3, max_groups_per_person: 0 }\n", "'differential_privacy.contribution.max_groups_per_person' must be at least 1")]
    [InlineData(Head + "  required: true\n  per_query: { epsilon: 1 }\n  contribution: { max_rows_per_person: 3, max_groups_per_person: 1, max_rows_per_group: 4 }\n", "'differential_privacy.contribution.max_rows_per_group' must be in 1..max_rows_per_person")]
    [InlineData(Valid + "  bounds:\n    step: { lower: 10 }\n", "'differential_privacy.bounds.step' needs lower and upper")]
    [InlineData(Valid + "  bounds:\n    step: { lower: 10, upper: 1 }\n", "'differential_privacy.bounds.step': lower 10 is above upper 1")]
    [InlineData(Valid + "  bounds:\n    step: { lower: 0, upper: 1, impute: 2 }\n", "'differential_privacy.bounds.step': impute 2 must lie within")]
    [InlineData(Valid + "  group_keys:\n    public:\n      sex: []\n", "'differential_privacy.group_keys.public.sex' lists no values")]
    [InlineData(Valid + "  group_keys:\n    public:\n      sex: [a, a]\n", "'differential_privacy.group_keys.public.sex' lists a value twice")]
    [InlineData(Valid + "  group_keys:\n    partition_selection: true\n", "'differential_privacy.group_keys.partition_selection' needs 'differential_privacy.per_query.delta' > 0")]
    [InlineData(Valid + "  release_padding_ms: 0\n", "'differential_privacy.release_padding_ms' must be in 1..60000")]
    [InlineData(Valid + "  clamp: {}\n", "line 7")]
    public void Errors_in_the_section_are_refused_at_load_naming_the_field(string yaml, string reason)
    {
        var ex = Assert.Throws<DisclosurePolicyException>(() => Load(yaml));
        Assert.Contains(reason, ex.Reason, StringComparison.Ordinal);
    }

    private DisclosurePolicy Load(string yaml)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, yaml);
        return DisclosurePolicyLoader.Load(path);
    }
}
