using System.Security.Claims;
using Gatekeeper.Audit;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Identity;
using Gatekeeper.Domain.Common;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gatekeeper.Identity.Server;

/// <summary>
/// The OpenID Connect endpoints OpenIddict passes through to us: authorize (sign-in, MFA enforced
/// server-side), token (code, refresh, client credentials; the account is re-checked every time),
/// end session (sign-out revokes the user's tokens and ends every session) and userinfo.
/// </summary>
internal static class ConnectEndpoints
{
    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/connect/authorize", ["GET", "POST"], AuthorizeAsync).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        routes.MapPost("/connect/token", TokenAsync).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery().RequireRateLimiting(IdentityRateLimits.Policy);
        routes.MapMethods("/connect/endsession", ["GET", "POST"], EndSessionAsync).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        routes.MapMethods("/connect/userinfo", ["GET", "POST"], UserInfo)
            .RequireAuthorization(p => p.AddAuthenticationSchemes(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme).RequireAuthenticatedUser())
            .ExcludeFromDescription().DisableAntiforgery();
        return routes;
    }

    private static async Task<IResult> AuthorizeAsync(
        HttpContext context, UserManager<GatekeeperUser> users, PrincipalFactory principals, CancellationToken cancellationToken)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var session = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var returnUrl = context.Request.PathBase + context.Request.Path + QueryString.Create(
            context.Request.HasFormContentType ? context.Request.Form.ToList() : context.Request.Query.ToList());

        if (!session.Succeeded || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None)) return Forbid(Errors.LoginRequired, "The user is not signed in.");
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [IdentityConstants.ApplicationScheme]);
        }

        var user = await users.GetUserAsync(session.Principal);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [IdentityConstants.ApplicationScheme]);
        }

        var methods = session.Principal.FindAll(TokenClaims.AuthenticationMethod).Select(c => c.Value).ToList();
        var principal = await principals.CreateAsync(user, methods, request.GetScopes(), cancellationToken);
        if (principal is null) return Forbid(Errors.AccessDenied, "The account is not in the directory.");

        // Multi-factor authentication is enforced here, where tokens are issued, not only in the UI.
        var roles = principal.FindAll(TokenClaims.Role).Select(c => c.Value);
        if (Roles.RequireMfa(roles) && !methods.Contains(TokenClaims.MfaMethod))
        {
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            return Results.Redirect($"/identity/sign-in?reason=mfa-required&returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> TokenAsync(
        HttpContext context, UserManager<GatekeeperUser> users, SignInManager<GatekeeperUser> signIn, PrincipalFactory principals,
        IOptions<IdentityServerOptions> options, CancellationToken cancellationToken)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsClientCredentialsGrantType())
        {
            var client = options.Value.Clients.FirstOrDefault(c => c.ClientId == request.ClientId && c.Flow == "client_credentials");
            if (client is null) return Forbid(Errors.UnauthorizedClient, "This client may not use client credentials.");
            return Results.SignIn(principals.CreateForClient(client, request.GetScopes()), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
            return Forbid(Errors.UnsupportedGrantType, "Unsupported grant type.");

        var granted = (await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        var user = granted?.GetClaim(TokenClaims.Subject) is { } id ? await users.FindByIdAsync(id) : null;

        // The account is checked again on every code exchange and refresh: a locked, removed or signed-out
        // user (security stamp changed) gets no new tokens.
        if (user is null || !await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user)
            || granted!.GetClaim(TokenClaims.SessionStamp) != await users.GetSecurityStampAsync(user))
            return Forbid(Errors.InvalidGrant, "The session is no longer valid; sign in again.");

        var principal = await principals.CreateAsync(user, granted!.GetClaims(TokenClaims.AuthenticationMethod), granted!.GetScopes(), cancellationToken);
        return principal is null
            ? Forbid(Errors.InvalidGrant, "The account is not in the directory.")
            : Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> EndSessionAsync(
        HttpContext context, UserManager<GatekeeperUser> users, IOpenIddictTokenManager tokens, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var session = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (session.Succeeded && await users.GetUserAsync(session.Principal) is { } user)
        {
            // Sign-out ends every session of the user: tokens revoked, security stamp rotated (portal cookies re-validate against it).
            await tokens.RevokeBySubjectAsync(user.Id, cancellationToken);
            await users.UpdateSecurityStampAsync(user);
            await audit.RecordAsync(new AuditRecord
            {
                At = time.GetUtcNow(), ActorId = user.Id, Action = "auth.signed-out", SubjectType = "user", SubjectIds = [user.Id],
                ClientAddress = context.Connection.RemoteIpAddress?.ToString(),
            }, cancellationToken);
        }

        await context.SignOutAsync(IdentityConstants.ApplicationScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult UserInfo(ClaimsPrincipal user) => Results.Ok(new Dictionary<string, object?>
    {
        [TokenClaims.Subject] = user.GetClaim(TokenClaims.Subject),
        [TokenClaims.Name] = user.GetClaim(TokenClaims.Name),
        [TokenClaims.Email] = user.GetClaim(TokenClaims.Email),
        [TokenClaims.Organisation] = user.GetClaim(TokenClaims.Organisation),
        [TokenClaims.Role] = user.GetClaims(TokenClaims.Role),
    });

    private static IResult Forbid(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
