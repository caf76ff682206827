using System.Security.Claims;
using System.Text;
using Gatekeeper.Data.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace Gatekeeper.Identity.SignIn;

/// <summary>TOTP enrolment state: who is enrolling (a short-lived cookie) and their authenticator key.</summary>
internal static class MfaEnrolment
{
    /// <summary>The half-signed-in state Identity's two-factor step reads (user id, and the first factor's provider if external).</summary>
    public static ClaimsPrincipal PendingPrincipal(string userId, string? loginProvider = null)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, userId)], IdentityConstants.TwoFactorUserIdScheme);
        if (loginProvider is not null) identity.AddClaim(new Claim(ClaimTypes.AuthenticationMethod, loginProvider));
        return new ClaimsPrincipal(identity);
    }

    public static async Task<GatekeeperUser?> PendingUserAsync(HttpContext context, UserManager<GatekeeperUser> users)
    {
        var result = await context.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        return result.Principal?.FindFirstValue(ClaimTypes.Name) is { } id ? await users.FindByIdAsync(id) : null;
    }

    public static async Task<string> EnsureKeyAsync(UserManager<GatekeeperUser> users, GatekeeperUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (!string.IsNullOrEmpty(key)) return key;
        await users.ResetAuthenticatorKeyAsync(user);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    /// <summary>otpauth:// URI authenticator apps understand (RFC 6238 TOTP, SHA-1, 6 digits, 30 s).</summary>
    public static string Uri(GatekeeperUser user, string key) =>
        $"otpauth://totp/Gatekeeper:{System.Uri.EscapeDataString(user.Email ?? user.Id)}?secret={key}&issuer=Gatekeeper&digits=6";

    /// <summary>The key in groups of four for typing by hand.</summary>
    public static string Grouped(string key)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < key.Length; i++)
        {
            if (i > 0 && i % 4 == 0) sb.Append(' ');
            sb.Append(char.ToLowerInvariant(key[i]));
        }

        return sb.ToString();
    }
}
