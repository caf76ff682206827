using System.Security.Cryptography;
using Gatekeeper.Policies.Purposes;

namespace Gatekeeper.Policies.Tests.Purposes;

/// <summary>The shipped purpose policy loads, and its version is identified by the hash of its exact bytes.</summary>
public sealed class PurposePolicyLoaderTests : IDisposable
{
    private readonly PolicyFiles _files = new();

    [Fact]
    public void The_shipped_policy_loads_with_its_version_and_period_limit()
    {
        var policy = PurposePolicyLoader.Load(PolicyFiles.Shipped);

        Assert.Equal("2026.1", policy.Version);
        Assert.Equal(60, policy.MaxPeriodMonths);
    }

    [Fact]
    public void The_shipped_policy_permits_the_seven_purpose_categories()
    {
        var policy = PurposePolicyLoader.Load(PolicyFiles.Shipped);

        Assert.Equal(
            ["public-interest", "official-statistics", "scientific-research", "product-development", "ai-training", "education", "personalised-medicine"],
            policy.Purposes.Select(p => p.Code));
        Assert.All(policy.Purposes, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Name.En));
            Assert.False(string.IsNullOrWhiteSpace(p.Name.Ja));
            Assert.False(string.IsNullOrWhiteSpace(p.Description.En));
            Assert.False(string.IsNullOrWhiteSpace(p.Description.Ja));
        });
    }

    [Fact]
    public void The_shipped_policy_reads_the_protocol_and_commercial_flags()
    {
        var policy = PurposePolicyLoader.Load(PolicyFiles.Shipped);

        Assert.True(policy.FindPurpose("scientific-research")!.ProtocolRequired);
        Assert.False(policy.FindPurpose("public-interest")!.ProtocolRequired);
        Assert.True(policy.FindPurpose("ai-training")!.Commercial);
        Assert.False(policy.FindPurpose("education")!.Commercial);
    }

    [Fact]
    public void The_shipped_policy_lists_every_prohibited_use_with_its_phrases()
    {
        var policy = PurposePolicyLoader.Load(PolicyFiles.Shipped);

        Assert.Equal(
            ["detrimental-decisions", "insurance-pricing", "marketing-to-individuals", "re-identification", "harmful-products"],
            policy.ProhibitedUses.Select(u => u.Code));
        Assert.All(policy.ProhibitedUses, u =>
        {
            Assert.NotEmpty(u.Phrases);
            Assert.False(string.IsNullOrWhiteSpace(u.Name.Ja));
        });
        Assert.Contains("保険料の設定", policy.ProhibitedUses.Single(u => u.Code == "insurance-pricing").Phrases);
    }

    [Fact]
    public void The_policy_hash_is_the_SHA256_of_the_file_bytes()
    {
        var policy = PurposePolicyLoader.Load(PolicyFiles.Shipped);

        var expected = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(PolicyFiles.Shipped)));
        Assert.Equal(expected, policy.Sha256);
        Assert.Matches("^[0-9a-f]{64}$", policy.Sha256);
    }

    [Fact]
    public void Any_change_to_the_file_even_a_comment_changes_the_hash()
    {
        var shipped = PurposePolicyLoader.Load(PolicyFiles.Shipped);
        var edited = _files.WriteBytes([.. File.ReadAllBytes(PolicyFiles.Shipped), .. "# reviewed\n"u8.ToArray()]);

        var policy = PurposePolicyLoader.Load(edited);

        Assert.NotEqual(shipped.Sha256, policy.Sha256);
        Assert.Equal(shipped.Version, policy.Version);
        Assert.Equal(shipped.Purposes.Count, policy.Purposes.Count);
    }

    [Fact]
    public void The_same_bytes_in_another_place_have_the_same_hash()
    {
        var copy = _files.WriteBytes(File.ReadAllBytes(PolicyFiles.Shipped));

        Assert.Equal(PurposePolicyLoader.Load(PolicyFiles.Shipped).Sha256, PurposePolicyLoader.Load(copy).Sha256);
    }

    [Fact]
    public void A_minimal_policy_gets_the_default_period_limit_and_no_prohibited_uses()
    {
        var path = _files.Write("""
            version: "1"
            purposes:
              - code: education
                name: { en: "Education", ja: "教育" }
                description: { en: "Teaching.", ja: "教育・研修。" }
            """);

        var policy = PurposePolicyLoader.Load(path);

        Assert.Equal(60, policy.MaxPeriodMonths);
        Assert.Empty(policy.ProhibitedUses);
        Assert.False(Assert.Single(policy.Purposes).ProtocolRequired);
    }

    [Fact]
    public void Blank_phrases_are_ignored()
    {
        var path = _files.Write("""
            version: "1"
            purposes:
              - code: education
                name: { en: "Education", ja: "教育" }
                description: { en: "Teaching.", ja: "教育・研修。" }
            prohibited_uses:
              - code: re-identification
                name: { en: "Re-identification", ja: "再識別" }
                phrases: ["re-identify", "", "  ", "再識別"]
            """);

        Assert.Equal(["re-identify", "再識別"], PurposePolicyLoader.Load(path).ProhibitedUses[0].Phrases);
    }

    public void Dispose() => _files.Dispose();
}
