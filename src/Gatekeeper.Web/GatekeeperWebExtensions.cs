using Gatekeeper.Data;
using Gatekeeper.Hosting;
using Gatekeeper.Policies;
using Gatekeeper.Web.Account;
using Gatekeeper.Web.Api;
using Gatekeeper.Web.Components;
using Gatekeeper.Web.Localization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using Scalar.AspNetCore;

namespace Gatekeeper.Web;

public static class GatekeeperWebExtensions
{
    /// <summary>Everything the portal and its API need: store, policies, auth, localisation, Blazor and OpenAPI.</summary>
    public static WebApplicationBuilder AddGatekeeperWeb(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{PolicyOptions.Section}:Folder"]))
            builder.Configuration[$"{PolicyOptions.Section}:Folder"] = GatekeeperPoliciesExtensions.FindPolicyFolder(builder.Environment.ContentRootPath) ?? "";

        builder.Services.AddGatekeeperPolicies(builder.Configuration);
        builder.Services.AddSingleton(sp => new DataFolder(
            sp.GetRequiredService<IOptions<GatekeeperOptions>>().Value.ResolveDataFolder(sp.GetRequiredService<IHostEnvironment>())));
        builder.Services.AddGatekeeperData(builder.Configuration);

        builder.Services.AddAuthentication(GatekeeperClaims.AuthenticationScheme)
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
                };
            });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Researcher, p => p.RequireRole(Domain.Common.Roles.Researcher));
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<ActorAccessor>();

        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(CultureEndpoints.SupportedCultures[0])
                .AddSupportedCultures(CultureEndpoints.SupportedCultures)
                .AddSupportedUICultures(CultureEndpoints.SupportedCultures);
            o.FallBackToParentUICultures = true;
        });

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices(c =>
        {
            c.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            c.SnackbarConfiguration.PreventDuplicates = true;
        });
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Gatekeeper API";
            doc.Info.Description = "Secondary-use applications, dataset catalogue and policies of the Gatekeeper trusted research environment.";
            return Task.CompletedTask;
        }));
        return builder;
    }

    public static WebApplication UseGatekeeperWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        // Friendly not-found pages for page navigation only; the API keeps its problem+json bodies.
        app.UseWhen(
            c => HttpMethods.IsGet(c.Request.Method) && !c.Request.Path.StartsWithSegments("/api"),
            b => b.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapGatekeeperHealth();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api/docs").AllowAnonymous();
        app.MapCultureEndpoints();
        app.MapAccountEndpoints();
        if (app.Environment.IsDevelopment() && app.Services.GetRequiredService<IOptions<GatekeeperOptions>>().Value.DevelopmentSignIn)
            app.MapDevelopmentSignIn();

        app.MapApplicationsApi();
        app.MapCatalogueApi();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
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
