using System.Security.Claims;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Organisations;

namespace Gatekeeper.Web.Account;

/// <summary>The claims a signed-in principal carries, and how they become a domain <see cref="Actor"/>.</summary>
public static class GatekeeperClaims
{
    public const string Organisation = "org";
    public const string AuthenticationScheme = "gatekeeper";

    public static ClaimsPrincipal CreatePrincipal(UserProfile user, string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id),
            new(ClaimTypes.Name, user.DisplayName),
            new(ClaimTypes.Email, user.Email),
            new(Organisation, user.OrganisationId),
        };
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The actor of an HTTP request, with the client address for the audit trail.</summary>
    public static Actor? ToActor(this HttpContext context) =>
        context.User.ToActor() is { } actor ? actor with { ClientAddress = context.Connection.RemoteIpAddress?.ToString() } : null;

    /// <summary>The actor for a signed-in principal; null for anonymous or incomplete principals.</summary>
    public static Actor? ToActor(this ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true) return null;
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var org = principal.FindFirstValue(Organisation);
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(org)) return null;
        return new Actor(
            id,
            principal.FindFirstValue(ClaimTypes.Name) ?? id,
            principal.FindFirstValue(ClaimTypes.Email) ?? "",
            org,
            principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
    }
}
