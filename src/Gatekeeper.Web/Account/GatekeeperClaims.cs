using System.Security.Claims;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Organisations;
using Gatekeeper.Identity.Server;

namespace Gatekeeper.Web.Account;

/// <summary>
/// The claims a signed-in principal carries (the OpenID Connect names the provider issues: sub, name,
/// email, org, role), and how they become a domain <see cref="Actor"/>.
/// </summary>
public static class GatekeeperClaims
{
    /// <summary>The portal's session cookie.</summary>
    public const string AuthenticationScheme = "gatekeeper";

    /// <summary>The portal's OpenID Connect client.</summary>
    public const string OidcScheme = "oidc";

    /// <summary>Cookie for browsers, bearer tokens for API clients.</summary>
    public const string SelectingScheme = "gatekeeper-auth";

    public static ClaimsPrincipal CreatePrincipal(UserProfile user, string authenticationType) =>
        new(new ClaimsIdentity(
            [
                new Claim(TokenClaims.Subject, user.Id),
                new Claim(TokenClaims.Name, user.DisplayName),
                new Claim(TokenClaims.Email, user.Email),
                new Claim(TokenClaims.Organisation, user.OrganisationId),
                .. user.Roles.Select(r => new Claim(TokenClaims.Role, r)),
            ],
            authenticationType, TokenClaims.Name, TokenClaims.Role));

    /// <summary>Keeps the provider's claims the portal uses, with name and role types set so IsInRole works.</summary>
    public static ClaimsPrincipal FromToken(ClaimsPrincipal token, string authenticationType) =>
        new(new ClaimsIdentity(
            token.Claims.Where(c => c.Type is TokenClaims.Subject or TokenClaims.Name or TokenClaims.Email or TokenClaims.Organisation
                or TokenClaims.Role or TokenClaims.SessionStamp or TokenClaims.AuthenticationMethod)
                .Select(c => new Claim(c.Type, c.Value)),
            authenticationType, TokenClaims.Name, TokenClaims.Role));

    /// <summary>The actor of an HTTP request, with the client address for the audit trail.</summary>
    public static Actor? ToActor(this HttpContext context) =>
        context.User.ToActor() is { } actor ? actor with { ClientAddress = context.Connection.RemoteIpAddress?.ToString() } : null;

    /// <summary>The actor for a signed-in principal; null for anonymous or incomplete principals.</summary>
    public static Actor? ToActor(this ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true) return null;
        var id = principal.FindFirstValue(TokenClaims.Subject);
        var org = principal.FindFirstValue(TokenClaims.Organisation);
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(org)) return null;
        return new Actor(
            id,
            principal.FindFirstValue(TokenClaims.Name) ?? id,
            principal.FindFirstValue(TokenClaims.Email) ?? "",
            org,
            principal.FindAll(TokenClaims.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
    }
}
