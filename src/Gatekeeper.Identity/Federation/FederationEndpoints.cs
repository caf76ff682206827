using System.Security.Claims;
using Gatekeeper.Audit;
using Gatekeeper.Data.Directory;
using Gatekeeper.Data.Identity;
using Gatekeeper.Domain.Common;
using Gatekeeper.Identity.Server;
using Gatekeeper.Identity.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Identity.Federation;

/// <summary>
/// Sign-in through an upstream provider: start (challenge), then complete — link the upstream subject to an
/// existing account, apply the same lockout and MFA rules as a password sign-in, and audit every outcome.
/// </summary>
internal static class FederationEndpoints
{
    /// <summary>RFC 8176 methods that count as multi-factor when the provider is trusted for MFA.</summary>
    private static readonly string[] MultiFactorMethods = ["mfa", "hwk", "sc", "otp"];

    public static IEndpointRouteBuilder MapFederationEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/identity/external").AllowAnonymous().ExcludeFromDescription().RequireRateLimiting(IdentityRateLimits.Policy);
        group.MapPost("/{name}", Start);
        group.MapGet("/{name}/complete", CompleteAsync);
        return routes;
    }

    private static IResult Start(string name, [FromForm] string? returnUrl, IOptions<IdentityServerOptions> options)
    {
        var provider = Find(options.Value, name);
        if (provider is null) return Results.NotFound();
        var complete = $"/identity/external/{provider.Name}/complete?returnUrl={Uri.EscapeDataString(ReturnUrls.Safe(returnUrl))}";
        return Results.Challenge(new AuthenticationProperties { RedirectUri = complete }, [provider.Scheme]);
    }

    private static async Task<IResult> CompleteAsync(
        HttpContext context, string name, string? returnUrl, IOptions<IdentityServerOptions> options,
        UserManager<GatekeeperUser> users, SignInManager<GatekeeperUser> signIn, DirectoryService directory, SignInAudit audit)
    {
        returnUrl = ReturnUrls.Safe(returnUrl);
        var provider = Find(options.Value, name);
        var external = await context.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await context.SignOutAsync(IdentityConstants.ExternalScheme);
        if (provider is null || !external.Succeeded || external.Principal.FindFirstValue(TokenClaims.Subject) is not { Length: > 0 } subject)
            return Back(returnUrl, "external-failed");

        var loginProvider = provider.Scheme;
        var user = await users.FindByLoginAsync(loginProvider, subject);
        if (user is null)
        {
            // First use: link to the account with the same e-mail, only if the upstream vouches for the address.
            var email = external.Principal.FindFirstValue(TokenClaims.Email);
            var verified = string.Equals(external.Principal.FindFirstValue(TokenClaims.EmailVerified), "true", StringComparison.OrdinalIgnoreCase);
            user = verified && !string.IsNullOrWhiteSpace(email) ? await users.FindByEmailAsync(email) : null;
            if (user is null)
            {
                await audit.RecordAsync(context, email ?? "", "auth.external-refused", AuditOutcome.Refused, $"{provider.Name}:no-matching-account");
                return Back(returnUrl, "external-unknown");
            }

            var linked = await users.AddLoginAsync(user, new UserLoginInfo(loginProvider, subject, provider.DisplayName));
            if (!linked.Succeeded) return Back(returnUrl, "external-failed");
            await audit.RecordAsync(context, user.Id, "auth.external-linked", AuditOutcome.Succeeded, provider.Name);
        }

        if (await users.IsLockedOutAsync(user))
        {
            await audit.RecordAsync(context, user.Id, "auth.sign-in-failed", AuditOutcome.Refused, $"{provider.Name}:locked-out");
            return Back(returnUrl, "locked");
        }

        var upstreamMfa = provider.TrustUpstreamMfa
                          && external.Principal.FindAll(TokenClaims.AuthenticationMethod).Any(c => MultiFactorMethods.Contains(c.Value));
        var profile = await directory.FindUserAsync(user.Id, context.RequestAborted);
        var needsMfa = user.TwoFactorEnabled || (profile is not null && Roles.RequireMfa(profile.Roles));
        if (needsMfa && !upstreamMfa)
        {
            // The same second step as a password sign-in: the local authenticator code (or enrolment first).
            await context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, MfaEnrolment.PendingPrincipal(user.Id, loginProvider));
            var next = user.TwoFactorEnabled ? "/identity/mfa" : "/identity/mfa/enrol";
            return Results.LocalRedirect($"{next}?returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        string[] methods = upstreamMfa ? ["external", TokenClaims.MfaMethod] : ["external"];
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, methods.Select(m => new Claim(TokenClaims.AuthenticationMethod, m)));
        await audit.RecordAsync(context, user.Id, "auth.signed-in", AuditOutcome.Succeeded, upstreamMfa ? $"{provider.Name}+upstream-mfa" : provider.Name);
        return Results.LocalRedirect(returnUrl);
    }

    private static ExternalProvider? Find(IdentityServerOptions options, string name) =>
        options.ExternalProviders.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));

    private static IResult Back(string returnUrl, string error) =>
        Results.LocalRedirect($"/identity/sign-in?error={Uri.EscapeDataString(error)}&returnUrl={Uri.EscapeDataString(returnUrl)}");
}
