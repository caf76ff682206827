using Microsoft.AspNetCore.Authentication;

namespace Gatekeeper.Web.Account;

internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/account/sign-out", async (HttpContext context) =>
        {
            await context.SignOutAsync(GatekeeperClaims.AuthenticationScheme);
            return Results.LocalRedirect("/account/sign-in");
        }).RequireAuthorization().ExcludeFromDescription();
        return routes;
    }
}
