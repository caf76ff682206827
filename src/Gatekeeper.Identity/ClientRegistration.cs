namespace Gatekeeper.Identity;

/// <summary>An OpenID Connect client the provider knows.</summary>
public sealed class ClientRegistration
{
    public string ClientId { get; set; } = "";

    public string DisplayName { get; set; } = "";

    /// <summary>Empty for public clients; otherwise the secret (from configuration or a secret store).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>"code" (browser sign-in with PKCE) or "client_credentials" (machine integrations).</summary>
    public string Flow { get; set; } = "code";

    public List<Uri> RedirectUris { get; set; } = [];

    public List<Uri> PostLogoutRedirectUris { get; set; } = [];

    /// <summary>Roles a client-credentials client acts with (e.g. researcher for an institution's integration).</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>Organisation a client-credentials client acts for.</summary>
    public string? OrganisationId { get; set; }
}
