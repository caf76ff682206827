using System.Security.Cryptography;
using Gatekeeper.Data;
using Gatekeeper.Identity;
using Gatekeeper.Identity.Clients;
using Gatekeeper.Identity.Server;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using OpenIddict.Validation.AspNetCore;

namespace Gatekeeper.Web.Account;

/// <summary>
/// How people and machines sign in to the portal: a session cookie created by the OpenID Connect
/// code flow (PKCE) against the provider, and bearer tokens for API clients. In the embedded default
/// the provider runs in this process and the portal is a client of its own address.
/// </summary>
public static class PortalAuthenticationExtensions
{
    public static WebApplicationBuilder AddPortalAuthentication(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PortalAuthOptions>().Bind(builder.Configuration.GetSection(PortalAuthOptions.Section))
            .Validate(o => o.IsEmbedded || !string.IsNullOrEmpty(o.ClientSecret),
                $"{PortalAuthOptions.Section}:ClientSecret is required when {PortalAuthOptions.Section}:Authority names a separate provider.")
            .ValidateOnStart();
        var configured = builder.Configuration.GetSection(PortalAuthOptions.Section).Get<PortalAuthOptions>() ?? new PortalAuthOptions();
        var embedded = configured.IsEmbedded;
        if (embedded)
        {
            services.AddGatekeeperIdentityServer(builder.Configuration);
        }
        else
        {
            // A separate provider: bearer tokens are checked by asking it (introspection), so a revoked token
            // stops working at once here too. The portal's client must be one of the provider's ApiAudiences.
            services.AddOpenIddict().AddValidation(o =>
            {
                o.SetIssuer(configured.Authority!);
                // Without a secret the options check below stops the app with a message naming the setting.
                if (!string.IsNullOrEmpty(configured.ClientSecret))
                    o.UseIntrospection().SetClientId(configured.ClientId).SetClientSecret(configured.ClientSecret);
                o.UseSystemNetHttp();
                o.UseAspNetCore();
            });
        }

        services.AddSingleton<SessionValidator>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = GatekeeperClaims.SelectingScheme;
                o.DefaultChallengeScheme = GatekeeperClaims.SelectingScheme;
            })
            .AddPolicyScheme(GatekeeperClaims.SelectingScheme, "Cookie or bearer token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme
                    : GatekeeperClaims.AuthenticationScheme)
            .AddCookie(GatekeeperClaims.AuthenticationScheme, o =>
            {
                o.Cookie.Name = "gatekeeper.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/account/sign-in";
                o.AccessDeniedPath = "/account/access-denied";
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.Events = new CookieAuthenticationEvents
                {
                    // The API answers with status codes, never with a redirect to an HTML page.
                    OnRedirectToLogin = c => ApiOr(c, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = c => ApiOr(c, StatusCodes.Status403Forbidden),
                    OnValidatePrincipal = c => c.HttpContext.RequestServices.GetRequiredService<SessionValidator>().ValidateCookieAsync(c),
                };
            })
            .AddOpenIdConnect(GatekeeperClaims.OidcScheme, o =>
            {
                o.SignInScheme = GatekeeperClaims.AuthenticationScheme;
                o.ResponseType = "code";
                o.UsePkce = true;
                // Query response mode: the callback is a top-level GET, so Lax cookies work on loopback HTTP too.
                o.ResponseMode = "query";
                o.SaveTokens = true;
                o.MapInboundClaims = false;
                o.GetClaimsFromUserInfoEndpoint = false;
                o.Scope.Clear();
                foreach (var scope in new[] { "openid", "profile", "email", "roles", ProviderScopes.Api }) o.Scope.Add(scope);
                o.TokenValidationParameters.NameClaimType = TokenClaims.Name;
                o.TokenValidationParameters.RoleClaimType = TokenClaims.Role;
                o.Events.OnTokenValidated = c =>
                {
                    c.Principal = GatekeeperClaims.FromToken(c.Principal!, GatekeeperClaims.OidcScheme);
                    return Task.CompletedTask;
                };
            });
        services.AddOptions<OpenIdConnectOptions>(GatekeeperClaims.OidcScheme)
            .Configure<IOptions<PortalAuthOptions>, IServer, DataFolder>((o, portal, server, folder) =>
            {
                // Resolved at the first sign-in, when the server's own address is known (embedded default).
                o.Authority = (portal.Value.Authority ?? OwnAddress(server)).ToString();
                o.ClientId = portal.Value.ClientId;
                o.ClientSecret = portal.Value.ClientSecret ?? EmbeddedClientSecret(folder);
                var http = portal.Value.IsEmbedded ? o.Authority.StartsWith("http://", StringComparison.Ordinal) : portal.Value.AllowHttp;
                o.RequireHttpsMetadata = !http;
                if (http)
                {
                    o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                    o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                    o.NonceCookie.SameSite = SameSiteMode.Lax;
                    o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                }
            });
        if (embedded)
        {
            // Read at the first protocol request, after the server has bound its address: an embedded provider
            // on a plain-HTTP loopback address (the demo, tests) may answer over HTTP.
            services.AddOptions<OpenIddict.Server.AspNetCore.OpenIddictServerAspNetCoreOptions>()
                .PostConfigure<IOptions<IdentityServerOptions>, IServer>((o, identity, server) =>
                    o.DisableTransportSecurityRequirement |= identity.Value.Issuer is null && OwnAddress(server).Scheme == Uri.UriSchemeHttp);
        }

        return builder;
    }

    /// <summary>Registers the embedded portal client once the server listens (its redirect URIs depend on the bound address).</summary>
    public static WebApplication UseEmbeddedPortalClient(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<PortalAuthOptions>>().Value.IsEmbedded) return app;
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            using var scope = app.Services.CreateScope();
            var portal = app.Services.GetRequiredService<IOptions<PortalAuthOptions>>().Value;
            var addresses = Addresses(app.Services.GetRequiredService<IServer>()).ToList();
            var client = new ClientRegistration
            {
                ClientId = portal.ClientId,
                DisplayName = "Gatekeeper portal",
                ClientSecret = portal.ClientSecret ?? EmbeddedClientSecret(app.Services.GetRequiredService<DataFolder>()),
                RedirectUris = addresses.Select(a => new Uri(a, "signin-oidc")).ToList(),
                PostLogoutRedirectUris = addresses.Select(a => new Uri(a, "signout-callback-oidc")).ToList(),
            };
            scope.ServiceProvider.GetRequiredService<ClientRegistrationSync>().SyncAsync([client], CancellationToken.None).GetAwaiter().GetResult();
        });
        return app;
    }

    private static Uri OwnAddress(IServer server) => Addresses(server).First();

    /// <summary>The bound addresses, with 127.0.0.1 and localhost both listed so either works in a browser.</summary>
    private static IEnumerable<Uri> Addresses(IServer server)
    {
        var bound = server.Features.Get<IServerAddressesFeature>()?.Addresses
                    ?? throw new InvalidOperationException("The server has no addresses yet.");
        foreach (var address in bound)
        {
            var uri = new Uri(address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
            yield return uri;
            if (uri.Host == "127.0.0.1") yield return new UriBuilder(uri) { Host = "localhost" }.Uri;
        }
    }

    private static string EmbeddedClientSecret(DataFolder folder)
    {
        var path = folder.Combine("keys", "portal-client.secret");
        if (File.Exists(path)) return File.ReadAllText(path).Trim();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(path, secret);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return secret;
    }

    private static Task ApiOr(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
