using System.Security.Cryptography;
using Gatekeeper.Disclosure.Policies;
using Gatekeeper.Domain.Applications;

namespace Gatekeeper.Disclosure.Tests.Policies;

public sealed class PolicyLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gk-policy-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string yaml)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void The_shipped_default_policy_has_the_issue_defaults_and_its_file_hash()
    {
        var path = Path.Combine(TestPolicies.PolicyFolder, "default.yaml");
        var policy = DisclosurePolicyLoader.Load(path);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), policy.Sha256);
        Assert.Equal("default", policy.Id);
        var t = policy.Tables;
        Assert.Equal((10, true, true, 0.10m, 2, 0.90m, 10, false), (t.Threshold, t.ZerosAreDisclosive, t.CheckMissingValues, t.P, t.N, t.K, t.MinDegreesOfFreedom, t.AllowMinMax));
        Assert.Equal((MitigationMethod.Suppress, 5, true), (t.Mitigation, t.RoundingBase, t.Differencing));
        Assert.Equal(10, policy.Microdata.K);
        Assert.Equal((2, 20), (policy.Microdata.ReportKFrom, policy.Microdata.ReportKTo));
        Assert.Contains(policy.Microdata.QuasiIdentifiers, q => q.Column == "age" && q.Hierarchy[0].Kind == GeneralisationKind.Band && q.Hierarchy[0].Width == 5);
        Assert.Equal(TablePolicy.Default, t);
        Assert.Equal(["csv", "parquet"], policy.Release.Formats);
        Assert.Equal((100_000L, 20L * 1024 * 1024), (policy.Release.MaxRowsPerOutput, policy.Release.MaxBytesPerOutput));
    }

    [Fact]
    public void A_policy_without_a_release_section_releases_csv_within_the_default_limits()
    {
        var policy = DisclosurePolicyLoader.Load(Write("bare.yaml", "id: bare\nversion: '1'\n"));

        Assert.Equal(ReleasePolicy.Default, policy.Release);
        Assert.Equal(["csv"], policy.Release.Formats);
    }

    [Fact]
    public void Run_limits_are_read_from_the_runs_section_and_absent_ones_stay_unset()
    {
        var policy = DisclosurePolicyLoader.Load(Write("runs.yaml", "id: r\nversion: '1'\nruns:\n  wall_clock_seconds: 120\n  max_output_rows: 500\n  threads: 1\n"));
        Assert.Equal(new RunLimitsPolicy { WallClockSeconds = 120, MaxOutputRows = 500, Threads = 1 }, policy.Runs);
        Assert.False(policy.Runs.IsEmpty);
        Assert.True(DisclosurePolicyLoader.Load(Write("bare-runs.yaml", "id: b\nversion: '1'\n")).Runs.IsEmpty);

        var strict = DisclosurePolicyLoader.Load(Path.Combine(TestPolicies.PolicyFolder, "ndb-strict.yaml"));
        Assert.Equal((300, 10_000L, 20L * 1024 * 1024), (strict.Runs.WallClockSeconds, strict.Runs.MaxOutputRows, strict.Runs.MaxOutputBytes));
    }

    [Fact]
    public void The_catalogue_selects_by_dataset_and_tier()
    {
        var catalogue = DisclosurePolicyCatalogue.LoadDirectory(TestPolicies.PolicyFolder);
        Assert.Equal("default", catalogue.Select(["dpp"], OutputTier.AggregateStatistics).Id);
        Assert.Equal("ndb-strict", catalogue.Select(["ndb"], OutputTier.AggregateStatistics).Id);
        Assert.Equal("ndb-strict", catalogue.Select(["ndb"], OutputTier.AnonymisedMicrodata).Id);
        var mixed = Assert.Throws<DisclosurePolicyException>(() => catalogue.Select(["ndb", "dpp"], OutputTier.AggregateStatistics));
        Assert.Contains("ndb", mixed.Reason, StringComparison.Ordinal);
        Assert.Throws<DisclosurePolicyException>(() => catalogue.Select(["dpp"], OutputTier.PseudonymisedMicrodata));
        Assert.Equal(SecondarySuppressionStrategy.Margins, catalogue.FindById("ndb-strict")!.Tables.SecondarySuppression);
    }

    [Theory]
    [InlineData("id: x\nversion: '1'\ntables:\n  threshold: 0\n", "'tables.threshold' must be at least 1")]
    [InlineData("id: x\nversion: '1'\nrelease:\n  formats: [csv, xlsx]\n", "'release.formats' may list csv and parquet only, got 'xlsx'")]
    [InlineData("id: x\nversion: '1'\nrelease:\n  formats: [parquet]\n", "'release.formats' must include csv")]
    [InlineData("id: x\nversion: '1'\nrelease:\n  max_rows_per_output: 0\n", "'release.max_rows_per_output' must be at least 1")]
    [InlineData("id: x\nversion: '1'\nrelease:\n  max_bytes_per_output: -5\n", "'release.max_bytes_per_output' must be at least 1")]
    [InlineData("id: x\nversion: '1'\nruns:\n  wall_clock_seconds: 0\n", "'runs.wall_clock_seconds' must be in 1..604800, got 0")]
    [InlineData("id: x\nversion: '1'\nruns:\n  memory_mb: 32\n", "'runs.memory_mb' must be at least 64, got 32")]
    [InlineData("id: x\nversion: '1'\nruns:\n  max_output_rows: -1\n", "'runs.max_output_rows' must be at least 1")]
    [InlineData("id: x\nversion: '1'\nruns:\n  max_output_bytes: 100\n", "'runs.max_output_bytes' must be at least 1024")]
    [InlineData("id: x\nversion: '1'\nruns:\n  threads: 0\n", "'runs.threads' must be in 1..256")]
    [InlineData("id: x\nversion: '1'\nruns:\n  wallclock: 5\n", "line 4")]
    [InlineData("id: x\nversion: '1'\ntables:\n  p_ratio: { p: 1.5 }\n", "'tables.p_ratio.p' must be in (0, 1]")]
    [InlineData("id: x\nversion: '1'\ntables:\n  nk_dominance: { n: 3 }\n", "'tables.nk_dominance.n' must be 1 or 2")]
    [InlineData("id: x\nversion: '1'\ntables:\n  nk_dominance: { k: 0 }\n", "'tables.nk_dominance.k' must be in (0, 1]")]
    [InlineData("id: x\nversion: '1'\ntables:\n  mitigation: blur\n", "'tables.mitigation' must be")]
    [InlineData("id: x\nversion: '1'\ntables:\n  rounding_base: 1\n", "'tables.rounding_base'")]
    [InlineData("id: x\nversion: '1'\ntables:\n  treshold: 10\n", "line 4")]
    [InlineData("version: '1'\n", "'id' is required")]
    [InlineData("id: x\n", "'version' is required")]
    [InlineData("id: x y\nversion: '1'\n", "'id' may hold")]
    [InlineData("id: x\nversion: '1'\napplies_to:\n  tiers: [everything]\n", "unknown tier 'everything'")]
    [InlineData("id: x\nversion: '1'\nmicrodata:\n  k: 1\n", "'microdata.k' must be at least 2")]
    [InlineData("id: x\nversion: '1'\nmicrodata:\n  suppression_limit: 1\n", "'microdata.suppression_limit'")]
    [InlineData("id: x\nversion: '1'\nmicrodata:\n  quasi_identifiers:\n    - column: age\n    - column: age\n", "quasi-identifier 'age' appears twice")]
    [InlineData("id: x\nversion: '1'\nmicrodata:\n  quasi_identifiers:\n    - column: sex\n      hierarchy:\n        - band: 5\n", "'band' needs a numeric column")]
    [InlineData("id: x\nversion: '1'\nmicrodata:\n  quasi_identifiers:\n    - column: age\n      kind: numeric\n      hierarchy:\n        - band: 5\n          prefix: 2\n", "exactly one of")]
    [InlineData("id: x\nversion: '1'\nmicrodata:\n  quasi_identifiers:\n    - column: d\n      kind: date\n      hierarchy:\n        - date: week\n", "'date' must be month or year")]
    [InlineData("id: x\nversion: '1'\nmicrodata:\n  quasi_identifiers:\n    - column: a\n      start_level: 2\n", "'start_level' must be in 0..0")]
    [InlineData("id: x\nversion: '1'\nmicrodata:\n  quasi_identifiers:\n    - column: a\n  sensitive_attributes:\n    - column: a\n", "also a quasi-identifier")]
    [InlineData("id: x\nversion: '1'\nmicrodata:\n  sensitive_attributes:\n    - column: s\n      t: 2\n", "'t' must be in [0, 1]")]
    [InlineData("id: x\nversion: '1'\nmicrodata:\n  sensitive_attributes:\n    - column: s\n      entropy_l: 0.5\n", "'entropy_l' must be 0 (off) or at least 1")]
    [InlineData("id: [x\n", "line 1")]
    [InlineData("", "the file is empty")]
    public void Policy_errors_are_refused_at_load_with_the_file_and_reason(string yaml, string reason)
    {
        var path = Write("bad.yaml", yaml);
        var ex = Assert.Throws<DisclosurePolicyException>(() => DisclosurePolicyLoader.Load(path));
        Assert.Equal(path, ex.File);
        Assert.Contains(reason, ex.Reason, StringComparison.Ordinal);
        Assert.StartsWith(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_refused()
    {
        var ex = Assert.Throws<DisclosurePolicyException>(() => DisclosurePolicyLoader.Load(Path.Combine(_folder, "none.yaml")));
        Assert.Contains("does not exist", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_byte_changes_the_hash()
    {
        var a = DisclosurePolicyLoader.Load(Write("a.yaml", "id: a\nversion: '1'\n"));
        var b = DisclosurePolicyLoader.Load(Write("b.yaml", "id: a\nversion: '1'\n\n"));
        Assert.NotEqual(a.Sha256, b.Sha256);
        Assert.Equal(a.Tables, b.Tables);
    }

    [Fact]
    public void Two_policies_claiming_the_same_scope_are_refused()
    {
        Write("one.yaml", "id: one\nversion: '1'\n");
        Write("two.yaml", "id: two\nversion: '1'\n");
        var ex = Assert.Throws<DisclosurePolicyException>(() => DisclosurePolicyCatalogue.LoadDirectory(_folder));
        Assert.Contains("apply to every dataset", ex.Reason, StringComparison.Ordinal);

        File.Delete(Path.Combine(_folder, "two.yaml"));
        Write("dup.yaml", "id: one\nversion: '2'\napplies_to:\n  datasets: [dpp]\n");
        Assert.Contains("used by two files", Assert.Throws<DisclosurePolicyException>(() => DisclosurePolicyCatalogue.LoadDirectory(_folder)).Reason, StringComparison.Ordinal);
    }
}
