namespace Gatekeeper.Disclosure.Policies;

/// <summary>A loaded disclosure-control policy: table rules, microdata rules, scope and the reference (id + SHA-256) every verdict carries.</summary>
public sealed record DisclosurePolicy
{
    /// <summary>The built-in defaults (no file; its hash is the hash of the empty policy text).</summary>
    public static DisclosurePolicy BuiltIn { get; } = new()
    {
        Reference = new PolicyReference("built-in", "1", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([])), string.Empty),
    };

    public required PolicyReference Reference { get; init; }

    public string Description { get; init; } = string.Empty;

    public PolicyScope Scope { get; init; } = new();

    public TablePolicy Tables { get; init; } = TablePolicy.Default;

    public MicrodataPolicy Microdata { get; init; } = new();

    /// <summary>What a release package may hold: formats and per-output row and byte limits.</summary>
    public ReleasePolicy Release { get; init; } = ReleasePolicy.Default;

    /// <summary>Resource limits of the runs under this policy (tighten the host's, never raise them).</summary>
    public RunLimitsPolicy Runs { get; init; } = RunLimitsPolicy.None;

    /// <summary>The <c>differential_privacy:</c> section, or null when the policy has none.</summary>
    public DifferentialPrivacyPolicy? DifferentialPrivacy { get; init; }

    /// <summary>Whether aggregate statistics under this policy leave only with DP noise.</summary>
    public bool RequiresDifferentialPrivacy => DifferentialPrivacy?.Required == true;

    public string Id => Reference.Id;

    public string Sha256 => Reference.Sha256;
}
