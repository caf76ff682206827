using System.Security.Claims;
using Gatekeeper.Data.Directory;
using Gatekeeper.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gatekeeper.Identity.Server;

/// <summary>Builds the token principal of a person from the directory (current roles, organisation) and their credentials.</summary>
public sealed class PrincipalFactory(DirectoryService directory, UserManager<GatekeeperUser> users, IOptions<IdentityServerOptions> options)
{
    /// <summary>The principal for <paramref name="user"/>; null when the person is no longer in the directory.</summary>
    public async Task<ClaimsPrincipal?> CreateAsync(GatekeeperUser user, IEnumerable<string> authenticationMethods, IEnumerable<string> scopes, CancellationToken cancellationToken)
    {
        var profile = await directory.FindUserAsync(user.Id, cancellationToken);
        if (profile is null) return null;

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, TokenClaims.Name, TokenClaims.Role);
        identity.SetClaim(TokenClaims.Subject, user.Id)
            .SetClaim(TokenClaims.Name, profile.DisplayName)
            .SetClaim(TokenClaims.Email, profile.Email)
            .SetClaim(TokenClaims.EmailVerified, user.EmailConfirmed)
            .SetClaim(TokenClaims.Organisation, profile.OrganisationId)
            .SetClaim(TokenClaims.SessionStamp, await users.GetSecurityStampAsync(user))
            .SetClaims(TokenClaims.Role, [.. profile.Roles])
            .SetClaims(TokenClaims.AuthenticationMethod, [.. authenticationMethods.Distinct()]);
        identity.SetScopes(scopes);
        SetApiAudiences(identity, options.Value);
        identity.SetDestinations(DestinationsOf);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>A machine client acting with the roles its registration grants.</summary>
    public ClaimsPrincipal CreateForClient(ClientRegistration client, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, TokenClaims.Name, TokenClaims.Role);
        identity.SetClaim(TokenClaims.Subject, client.ClientId)
            .SetClaim(TokenClaims.Name, client.DisplayName)
            .SetClaim(TokenClaims.Organisation, client.OrganisationId)
            .SetClaims(TokenClaims.Role, [.. client.Roles]);
        identity.SetScopes(scopes);
        SetApiAudiences(identity, options.Value);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>
    /// API tokens name the portal processes that serve the API as audiences, so a portal running as its own
    /// process may introspect them (the provider answers introspection only for a token's audiences and presenter).
    /// </summary>
    private static void SetApiAudiences(ClaimsIdentity identity, IdentityServerOptions options)
    {
        if (identity.HasScope(ProviderScopes.Api)) identity.SetResources(options.ApiAudiences);
    }

    private static IEnumerable<string> DestinationsOf(Claim claim) => claim.Type switch
    {
        TokenClaims.Subject or TokenClaims.Name or TokenClaims.Email or TokenClaims.EmailVerified or TokenClaims.Role or TokenClaims.Organisation
            or TokenClaims.AuthenticationMethod or TokenClaims.SessionStamp => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        _ => [OpenIddictConstants.Destinations.AccessToken],
    };
}
