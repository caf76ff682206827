using System.Security.Claims;
using Gatekeeper.Data;
using Gatekeeper.Identity.Server;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Web.Account;

/// <summary>
/// A portal session is valid only while the user's security stamp is the one their tokens were issued
/// with: signing out anywhere, a lockout, a password or role change rotate it and end every session.
/// </summary>
public sealed class SessionValidator(IDbContextFactory<GatekeeperDbContext> factory, TimeProvider time)
{
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var subject = principal.FindFirstValue(TokenClaims.Subject);
        var stamp = principal.FindFirstValue(TokenClaims.SessionStamp);
        if (subject is null || stamp is null) return false;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var current = await db.Users.AsNoTracking().Where(u => u.Id == subject)
            .Select(u => new { u.SecurityStamp, u.LockoutEnd }).FirstOrDefaultAsync(cancellationToken);
        return current is not null && current.SecurityStamp == stamp && (current.LockoutEnd is null || current.LockoutEnd <= time.GetUtcNow());
    }

    public async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null || !await IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(GatekeeperClaims.AuthenticationScheme);
        }
    }
}
