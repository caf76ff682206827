using Gatekeeper.Identity.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gatekeeper.Identity.Clients;

/// <summary>Creates or updates the configured clients in the provider's store, so configuration is the source of truth.</summary>
public sealed class ClientRegistrationSync(IOpenIddictApplicationManager applications, IOptions<IdentityServerOptions> options, ILogger<ClientRegistrationSync> logger)
{
    /// <summary>Syncs the configured clients plus <paramref name="additional"/> ones (e.g. the embedded portal, whose address is known only at start).</summary>
    public async Task SyncAsync(IEnumerable<ClientRegistration> additional, CancellationToken cancellationToken)
    {
        foreach (var client in options.Value.Clients.Concat(additional))
        {
            var descriptor = Describe(client);
            var existing = await applications.FindByClientIdAsync(client.ClientId, cancellationToken);
            if (existing is null)
            {
                await applications.CreateAsync(descriptor, cancellationToken);
                logger.LogInformation("Registered OpenID Connect client {ClientId}", client.ClientId);
            }
            else
            {
                await applications.UpdateAsync(existing, descriptor, cancellationToken);
            }
        }
    }

    private static OpenIddictApplicationDescriptor Describe(ClientRegistration client)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = string.IsNullOrEmpty(client.ClientSecret) ? null : client.ClientSecret,
            ClientType = string.IsNullOrEmpty(client.ClientSecret) ? ClientTypes.Public : ClientTypes.Confidential,
            DisplayName = client.DisplayName,
        };
        descriptor.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.Endpoints.Revocation, Permissions.Endpoints.Introspection]);
        if (client.Flow == "client_credentials")
        {
            descriptor.Permissions.UnionWith([Permissions.GrantTypes.ClientCredentials, Permissions.Prefixes.Scope + ProviderScopes.Api]);
            return descriptor;
        }

        descriptor.Permissions.UnionWith(
        [
            Permissions.Endpoints.Authorization, Permissions.Endpoints.EndSession,
            Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
            Permissions.Scopes.Email, Permissions.Scopes.Profile, Permissions.Scopes.Roles, Permissions.Prefixes.Scope + ProviderScopes.Api,
        ]);
        descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        descriptor.RedirectUris.UnionWith(client.RedirectUris);
        descriptor.PostLogoutRedirectUris.UnionWith(client.PostLogoutRedirectUris);
        return descriptor;
    }
}
