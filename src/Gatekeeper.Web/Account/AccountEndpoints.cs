using Gatekeeper.Identity.SignIn;
using Microsoft.AspNetCore.Antiforgery;
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
        routes.MapPost("/account/sign-out", async (HttpContext context, IAntiforgery antiforgery) =>
            {
                // No form fields are bound, so the antiforgery check is explicit (a cross-site page must not sign people out).
                if (!await antiforgery.IsRequestValidAsync(context))
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The form expired; reload the page and try again.");
                return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [GatekeeperClaims.AuthenticationScheme, GatekeeperClaims.OidcScheme]);
            })
            .RequireAuthorization().ExcludeFromDescription().DisableAntiforgery();
        return routes;
    }
}
