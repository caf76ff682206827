using Gatekeeper.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Web.Account;

/// <summary>
/// Development-only sign-in: choose a seeded user, no password. Mapped only when the environment is
/// Development and <c>Gatekeeper:DevelopmentSignIn</c> is on; it does not exist in Production.
/// </summary>
internal static class DevelopmentSignInEndpoints
{
    public static IEndpointRouteBuilder MapDevelopmentSignIn(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/account/dev-sign-in", SignInAsync).AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    private static async Task<IResult> SignInAsync(
        HttpContext context, [FromForm] string userId, [FromForm] string? returnUrl,
        IDbContextFactory<GatekeeperDbContext> factory, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var user = await db.UserProfiles.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null) return Results.Redirect("/account/sign-in?error=unknown-user");

        await context.SignInAsync(GatekeeperClaims.AuthenticationScheme, GatekeeperClaims.CreatePrincipal(user, "development"));
        return Results.LocalRedirect(SafeReturnUrl(returnUrl));
    }

    /// <summary>Only local paths; anything else (absolute, protocol-relative, backslash tricks) goes home.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl[0] == '/' && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            ? returnUrl
            : "/";
}
