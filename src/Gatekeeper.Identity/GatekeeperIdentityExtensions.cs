using System.Threading.RateLimiting;
using Gatekeeper.Data;
using Gatekeeper.Data.Identity;
using Gatekeeper.Identity.Clients;
using Gatekeeper.Identity.Federation;
using Gatekeeper.Identity.Keys;
using Gatekeeper.Identity.Server;
using Gatekeeper.Identity.SignIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gatekeeper.Identity;

public static class GatekeeperIdentityExtensions
{
    /// <summary>
    /// The OpenID Connect provider: ASP.NET Core Identity for credentials (password, TOTP, recovery codes,
    /// lockout), OpenIddict for the protocol (authorization code + PKCE, client credentials, refresh tokens),
    /// signing keys from the data folder, rate limits on sign-in and token endpoints.
    /// </summary>
    public static IServiceCollection AddGatekeeperIdentityServer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdentityServerOptions>()
            .Bind(configuration.GetSection(IdentityServerOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.Clients.All(c => !string.IsNullOrWhiteSpace(c.ClientId) && c.Flow is "code" or "client_credentials"),
                $"{IdentityServerOptions.Section}:Clients: every client needs a ClientId and a Flow of 'code' or 'client_credentials'.")
            .Validate(o => o.Clients.Where(c => c.Flow == "client_credentials").All(c => !string.IsNullOrEmpty(c.ClientSecret)),
                $"{IdentityServerOptions.Section}:Clients: client-credentials clients need a ClientSecret.")
            .Validate(o => o.ExternalProviders.All(FederationExtensions.IsValid),
                $"{IdentityServerOptions.Section}:ExternalProviders: every upstream provider needs a Name (lower-case letters, digits, hyphens), a DisplayName, a ClientId and an https Authority (http only with AllowHttp).")
            .Validate(o => o.ExternalProviders.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count() == o.ExternalProviders.Count,
                $"{IdentityServerOptions.Section}:ExternalProviders: names must be unique.")
            .ValidateOnStart();

        services.AddIdentityCore<GatekeeperUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Password.RequiredUniqueChars = 5;
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddEntityFrameworkStores<GatekeeperDbContext>();
        services.AddOptions<IdentityOptions>().Configure<IOptions<IdentityServerOptions>>((o, server) =>
        {
            o.Lockout.MaxFailedAccessAttempts = server.Value.MaxFailedAttempts;
            o.Lockout.DefaultLockoutTimeSpan = server.Value.LockoutDuration;
        });
        services.AddAuthentication().AddIdentityCookies(c =>
        {
            c.ApplicationCookie!.Configure(o =>
            {
                o.Cookie.Name = "gatekeeper.idp";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.LoginPath = "/identity/sign-in";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
            });
            c.TwoFactorUserIdCookie!.Configure(o => o.Cookie.Name = "gatekeeper.idp.2fa");
        });

        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<GatekeeperDbContext>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/endsession")
                    .SetUserInfoEndpointUris("connect/userinfo")
                    .SetRevocationEndpointUris("connect/revoke")
                    .SetIntrospectionEndpointUris("connect/introspect");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowClientCredentialsFlow()
                    .AllowRefreshTokenFlow();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess, ProviderScopes.Api);
                o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough();
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseAspNetCore();
                // Revoked tokens (sign-out, admin action) stop working at once, not at expiry.
                o.EnableTokenEntryValidation();
                o.EnableAuthorizationEntryValidation();
            });

        // Settings known only at run time: keys from the data folder, issuer, lifetimes, plain HTTP on loopback.
        services.AddSingleton(sp => ProviderKeys.LoadOrCreate(sp.GetRequiredService<DataFolder>().Combine("keys")));
        services.AddOptions<OpenIddictServerOptions>().Configure<ProviderKeys, IOptions<IdentityServerOptions>>((o, keys, server) =>
        {
            o.SigningCredentials.Add(new Microsoft.IdentityModel.Tokens.SigningCredentials(keys.Signing, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.RsaSha256));
            o.EncryptionCredentials.Add(new Microsoft.IdentityModel.Tokens.EncryptingCredentials(
                keys.Encryption, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.Aes256KW, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.Aes256CbcHmacSha512));
            o.Issuer = server.Value.Issuer;
            o.AccessTokenLifetime = server.Value.AccessTokenLifetime;
            o.IdentityTokenLifetime = server.Value.IdentityTokenLifetime;
            o.AuthorizationCodeLifetime = server.Value.AuthorizationCodeLifetime;
            o.RefreshTokenLifetime = server.Value.RefreshTokenLifetime;
        });
        services.AddOptions<OpenIddictServerAspNetCoreOptions>().Configure<IOptions<IdentityServerOptions>>((o, server) =>
            o.DisableTransportSecurityRequirement = server.Value.AllowHttp);

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, token) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync("Too many sign-in attempts from this address. Wait a minute and try again. / 試行回数が多すぎます。1分ほど待ってから再度お試しください。", token);
            };
            o.AddPolicy(IdentityRateLimits.Policy, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<IdentityServerOptions>>().Value.RequestsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
        });

        services.AddFederation(configuration);
        services.AddScoped<PrincipalFactory>();
        services.AddScoped<SignInAudit>();
        services.AddScoped<ClientRegistrationSync>();
        return services;
    }

    /// <summary>Maps the provider's protocol endpoints and sign-in form handlers. Call after UseRateLimiter.</summary>
    public static IEndpointRouteBuilder MapGatekeeperIdentityServer(this IEndpointRouteBuilder routes)
    {
        routes.MapConnectEndpoints();
        routes.MapSignInEndpoints();
        routes.MapFederationEndpoints();
        return routes;
    }
}
