using System.Security.Claims;
using Gatekeeper.Audit;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Directory;
using Gatekeeper.Data.Identity;
using Gatekeeper.Domain.Common;
using Gatekeeper.Identity.Server;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gatekeeper.Identity.SignIn;

/// <summary>
/// Form handlers of the provider's sign-in: password, TOTP (or recovery code), forced MFA enrolment
/// for roles that require it, and the first-sign-in password change. Every outcome is audited;
/// failures re-render the page with a message and change nothing but the failure count.
/// </summary>
internal static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder routes)
    {
        // The antiforgery check is the group's own rather than the form binder's: a form whose token no longer matches the
        // browser's sign-in state (another sign-in finished in the same browser since the page was rendered) goes back to
        // its page with a fresh token and a message, instead of ending on an error page. Nothing is done for it either way.
        var group = routes.MapGroup("/identity").AllowAnonymous().ExcludeFromDescription()
            .DisableAntiforgery()
            .AddEndpointFilter(FreshFormAsync);
        group.MapPost("/sign-in", PasswordAsync).RequireRateLimiting(IdentityRateLimits.Policy);
        group.MapPost("/mfa", VerifyMfaAsync).RequireRateLimiting(IdentityRateLimits.Policy);
        group.MapPost("/mfa/enrol", EnrolAsync).RequireRateLimiting(IdentityRateLimits.Policy);
        group.MapPost("/change-password", ChangePasswordAsync).RequireRateLimiting(IdentityRateLimits.Policy);
        return routes;
    }

    private static async Task<IResult> PasswordAsync(
        HttpContext context, [FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl,
        UserManager<GatekeeperUser> users, SignInManager<GatekeeperUser> signIn, DirectoryService directory, SignInAudit audit)
    {
        returnUrl = ReturnUrls.Safe(returnUrl);
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user is null || string.IsNullOrEmpty(password))
        {
            await audit.RecordAsync(context, email?.Trim() ?? "", "auth.sign-in-failed", AuditOutcome.Refused, "unknown-account-or-empty-password");
            return Back("/identity/sign-in", returnUrl, "invalid", email);
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            await audit.RecordAsync(context, user.Id, "auth.locked-out", AuditOutcome.Refused, "too-many-failures");
            return Back("/identity/sign-in", returnUrl, "locked", email);
        }

        if (result.RequiresTwoFactor) return Results.LocalRedirect($"/identity/mfa?returnUrl={Uri.EscapeDataString(returnUrl)}");
        if (!result.Succeeded)
        {
            await audit.RecordAsync(context, user.Id, "auth.sign-in-failed", AuditOutcome.Refused, result.IsNotAllowed ? "not-allowed" : "wrong-password");
            return Back("/identity/sign-in", returnUrl, "invalid", email);
        }

        var profile = await directory.FindUserAsync(user.Id, context.RequestAborted);
        if (profile is not null && Roles.RequireMfa(profile.Roles) && !user.TwoFactorEnabled)
        {
            // Roles that require MFA cannot finish signing in until an authenticator is enrolled.
            await signIn.SignOutAsync();
            await context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, MfaEnrolment.PendingPrincipal(user.Id));
            return Results.LocalRedirect($"/identity/mfa/enrol?returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        await audit.RecordAsync(context, user.Id, "auth.signed-in", AuditOutcome.Succeeded, "password");
        return AfterSignIn(user, returnUrl);
    }

    private static async Task<IResult> VerifyMfaAsync(
        HttpContext context, [FromForm] string? code, [FromForm] bool? recovery, [FromForm] string? returnUrl,
        SignInManager<GatekeeperUser> signIn, SignInAudit audit)
    {
        returnUrl = ReturnUrls.Safe(returnUrl);
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return Results.LocalRedirect($"/identity/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}&reason=expired");
        // The first factor: a password, or an upstream provider (federation) recorded in the pending cookie.
        var pending = await context.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        var firstFactor = pending.Principal?.FindFirstValue(ClaimTypes.AuthenticationMethod) is { } provider
            ? provider.Replace(Federation.ExternalProvider.SchemePrefix, "", StringComparison.Ordinal)
            : "password";
        var normalised = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var useRecovery = recovery == true;
        var result = useRecovery
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(normalised)
            : await signIn.TwoFactorAuthenticatorSignInAsync(normalised, isPersistent: false, rememberClient: false);
        if (result.IsLockedOut)
        {
            await audit.RecordAsync(context, user.Id, "auth.locked-out", AuditOutcome.Refused, "too-many-failures");
            return Back("/identity/sign-in", returnUrl, "locked");
        }

        if (!result.Succeeded)
        {
            await audit.RecordAsync(context, user.Id, "auth.mfa-failed", AuditOutcome.Refused, useRecovery ? "wrong-recovery-code" : "wrong-totp");
            return Back("/identity/mfa", returnUrl, "invalid");
        }

        await audit.RecordAsync(context, user.Id, "auth.signed-in", AuditOutcome.Succeeded, $"{firstFactor}+{(useRecovery ? "recovery-code" : "totp")}");
        return AfterSignIn(user, returnUrl);
    }

    private static async Task<IResult> EnrolAsync(
        HttpContext context, [FromForm] string? code, [FromForm] string? returnUrl,
        UserManager<GatekeeperUser> users, SignInManager<GatekeeperUser> signIn, SignInAudit audit)
    {
        returnUrl = ReturnUrls.Safe(returnUrl);
        var user = await MfaEnrolment.PendingUserAsync(context, users);
        if (user is null) return Results.LocalRedirect($"/identity/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}&reason=expired");
        await MfaEnrolment.EnsureKeyAsync(users, user);
        var valid = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider,
            (code ?? "").Replace(" ", "", StringComparison.Ordinal));
        if (!valid)
        {
            await audit.RecordAsync(context, user.Id, "auth.mfa-enrolment-failed", AuditOutcome.Refused, "wrong-totp");
            return Back("/identity/mfa/enrol", returnUrl, "invalid");
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        user.RecoveryCodesPending = true;
        await users.UpdateAsync(user);
        await context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new(TokenClaims.AuthenticationMethod, TokenClaims.MfaMethod)]);
        await audit.RecordAsync(context, user.Id, "auth.mfa-enrolled", AuditOutcome.Succeeded, null);
        return Results.LocalRedirect($"/identity/mfa/recovery-codes?returnUrl={Uri.EscapeDataString(returnUrl)}");
    }

    private static async Task<IResult> ChangePasswordAsync(
        HttpContext context, [FromForm] string? currentPassword, [FromForm] string? newPassword, [FromForm] string? confirmPassword, [FromForm] string? returnUrl,
        UserManager<GatekeeperUser> users, SignInManager<GatekeeperUser> signIn, SignInAudit audit)
    {
        returnUrl = ReturnUrls.Safe(returnUrl);
        // The provider's own session (not the portal's, which is the default scheme in the embedded host).
        var session = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = session.Succeeded ? await users.GetUserAsync(session.Principal) : null;
        if (user is null) return Results.LocalRedirect($"/identity/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}");
        if (newPassword != confirmPassword)
            return Back("/identity/change-password", returnUrl, "mismatch");

        var result = await users.ChangePasswordAsync(user, currentPassword ?? "", newPassword ?? "");
        if (!result.Succeeded)
            return Back("/identity/change-password", returnUrl, string.Join(",", result.Errors.Select(e => e.Code)));

        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        var methods = session.Principal!.FindAll(TokenClaims.AuthenticationMethod).Select(c => c.Value).ToList();
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, methods.Select(m => new System.Security.Claims.Claim(TokenClaims.AuthenticationMethod, m)));
        await audit.RecordAsync(context, user.Id, "auth.password-changed", AuditOutcome.Succeeded, null);
        return Results.LocalRedirect(returnUrl);
    }

    private static IResult AfterSignIn(GatekeeperUser user, string returnUrl) =>
        Results.LocalRedirect(user.MustChangePassword ? $"/identity/change-password?returnUrl={Uri.EscapeDataString(returnUrl)}" : returnUrl);

    private static async ValueTask<object?> FreshFormAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        if (await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context)) return await next(invocation);
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        return Back(context.Request.Path, ReturnUrls.Safe(form?["returnUrl"].ToString()), "expired", form?["email"].ToString());
    }

    /// <summary>Post-redirect-get back to the form with an error code the page explains.</summary>
    private static IResult Back(string page, string returnUrl, string error, string? email = null) =>
        Results.LocalRedirect($"{page}?error={Uri.EscapeDataString(error)}&returnUrl={Uri.EscapeDataString(returnUrl)}"
                              + (string.IsNullOrWhiteSpace(email) ? "" : $"&email={Uri.EscapeDataString(email.Trim())}"));
}
