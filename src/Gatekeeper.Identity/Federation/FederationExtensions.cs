using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gatekeeper.Identity.Federation;

/// <summary>One OpenID Connect client scheme per configured upstream provider; its result lands in Identity's external cookie.</summary>
internal static partial class FederationExtensions
{
    public static IServiceCollection AddFederation(this IServiceCollection services, IConfiguration configuration)
    {
        // Schemes are registered at start-up, so the list is read from configuration here (validated below too).
        var providers = configuration.GetSection(IdentityServerOptions.Section).Get<IdentityServerOptions>()?.ExternalProviders ?? [];
        var authentication = services.AddAuthentication();
        foreach (var provider in providers.Where(p => NamePattern().IsMatch(p.Name) && p.Authority is not null))
        {
            authentication.AddOpenIdConnect(provider.Scheme, provider.DisplayName, o =>
            {
                o.SignInScheme = IdentityConstants.ExternalScheme;
                o.Authority = provider.Authority!.ToString();
                o.ClientId = provider.ClientId;
                o.ClientSecret = provider.ClientSecret;
                o.CallbackPath = provider.CallbackPath;
                o.ResponseType = "code";
                o.UsePkce = true;
                o.ResponseMode = "query";
                o.MapInboundClaims = false;
                o.GetClaimsFromUserInfoEndpoint = false;
                o.SaveTokens = false;
                o.Scope.Clear();
                foreach (var scope in new[] { "openid", "profile", "email" }) o.Scope.Add(scope);
                o.RequireHttpsMetadata = !provider.AllowHttp;
                if (provider.AllowHttp)
                {
                    o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                    o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                }

                // A refused or failed upstream sign-in comes back to our page with a message, not an exception page.
                o.Events.OnRemoteFailure = context =>
                {
                    context.Response.Redirect($"/identity/sign-in?error=external-failed");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        }

        return services;
    }

    public static bool IsValid(ExternalProvider provider) =>
        NamePattern().IsMatch(provider.Name)
        && !string.IsNullOrWhiteSpace(provider.DisplayName)
        && !string.IsNullOrWhiteSpace(provider.ClientId)
        && provider.Authority is { IsAbsoluteUri: true } authority
        && (authority.Scheme == Uri.UriSchemeHttps || (provider.AllowHttp && authority.Scheme == Uri.UriSchemeHttp));

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex NamePattern();
}
