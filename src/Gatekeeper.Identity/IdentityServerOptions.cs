using System.ComponentModel.DataAnnotations;
using Gatekeeper.Identity.Federation;

namespace Gatekeeper.Identity;

/// <summary>Configuration section <c>Gatekeeper:Identity</c>: the OpenID Connect provider.</summary>
public sealed class IdentityServerOptions
{
    public const string Section = "Gatekeeper:Identity";

    /// <summary>
    /// Public base address of the provider (the issuer), e.g. https://gatekeeper.example/. Must match exactly what
    /// clients use. Unset, it is taken from each request (the embedded default on whatever address it is bound to).
    /// </summary>
    public Uri? Issuer { get; set; }

    /// <summary>Allow plain HTTP (loopback development and tests only; production sits behind TLS).</summary>
    public bool AllowHttp { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan IdentityTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Failed sign-ins before an account locks, and for how long.</summary>
    [Range(1, 100)]
    public int MaxFailedAttempts { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in and token requests per client address per minute.</summary>
    [Range(1, 10_000)]
    public int RequestsPerMinute { get; set; } = 30;

    /// <summary>Registered OpenID Connect clients (the portal, integrations). Secrets come from configuration or the data folder, never the repo.</summary>
    public List<ClientRegistration> Clients { get; set; } = [];

    /// <summary>
    /// Client ids of portal processes that validate API tokens by introspection when the provider runs as a
    /// separate process; they become the audiences of every token with the API scope.
    /// </summary>
    public List<string> ApiAudiences { get; set; } = ["gatekeeper-portal"];

    /// <summary>Upstream identity providers (an institution's IdP, a JPKI-backed one) users may sign in with.</summary>
    public List<ExternalProvider> ExternalProviders { get; set; } = [];
}
