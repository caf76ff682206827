namespace Gatekeeper.Identity.Server;

/// <summary>Name of the rate-limiting policy on sign-in and token endpoints (per client address).</summary>
public static class IdentityRateLimits
{
    public const string Policy = "identity";
}
