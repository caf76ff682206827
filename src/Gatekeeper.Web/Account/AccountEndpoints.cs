using Gatekeeper.Identity.SignIn;
using Microsoft.AspNetCore.Authentication;

namespace Gatekeeper.Web.Account;

internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder routes)
    {
        // Starts the OpenID Connect sign-in; the provider brings the user back to returnUrl (local paths only).
        routes.MapGet("/account/sign-in", (string? returnUrl) =>
                Results.Challenge(new AuthenticationProperties { RedirectUri = ReturnUrls.Safe(returnUrl) }, [GatekeeperClaims.OidcScheme]))
            .AllowAnonymous().ExcludeFromDescription();

        // Ends the portal session and the provider's (which revokes the user's tokens everywhere).
        routes.MapPost("/account/sign-out", () =>
                Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [GatekeeperClaims.AuthenticationScheme, GatekeeperClaims.OidcScheme]))
            .RequireAuthorization().ExcludeFromDescription();
        return routes;
    }
}
