namespace Gatekeeper.Identity.Server;

/// <summary>Scopes beyond the OpenID Connect standard ones.</summary>
public static class ProviderScopes
{
    /// <summary>Access to the Gatekeeper HTTP API.</summary>
    public const string Api = "gatekeeper.api";
}
