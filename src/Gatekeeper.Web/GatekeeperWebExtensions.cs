using Gatekeeper.Data.Workflows;
using Gatekeeper.Data;
using Gatekeeper.Hosting;
using Gatekeeper.Identity;
using Gatekeeper.Policies;
using Gatekeeper.Web.Account;
using Gatekeeper.Web.Api;
using Gatekeeper.Web.Audit;
using Gatekeeper.Web.Components;
using Gatekeeper.Web.Onboarding;
using Gatekeeper.Web.Outputs;
using Gatekeeper.Web.Localization;
using Gatekeeper.Web.Reviews;
using Gatekeeper.Web.Runs;
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
        builder.Services.AddGatekeeperWorkflows(builder.Configuration);
        builder.Services.AddSingleton<Reviews.ApplicationSubmission>();
        builder.Services.AddSingleton<Components.Pages.Reviews.ReviewDeadlineLookup>();
        builder.AddGatekeeperDataOnboarding();
        builder.Services.AddSingleton<AuditConsoleExport>();
        builder.AddGatekeeperRuns();

        builder.AddPortalAuthentication();
        builder.Services.AddGatekeeperPolicies();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingSessionStateProvider>();
        builder.Services.AddScoped<ActorAccessor>();
        builder.Services.AddScoped<Components.Shared.ValidationMessages>();

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

    /// <summary>Migrates the store, seeds demo data when configured, and gives demo people one-time passwords (embedded provider only).</summary>
    public static async Task InitializeGatekeeperAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
        await app.Services.GetRequiredService<Data.Startup.StartupAudit>().RecordAsync(app.Lifetime.ApplicationStopping);
        if (!app.Services.GetRequiredService<IOptions<Data.Seeding.DemoSeedOptions>>().Value.Seed
            || !app.Services.GetRequiredService<IOptions<PortalAuthOptions>>().Value.IsEmbedded) return;
        using var scope = app.Services.CreateScope();
        await ActivatorUtilities.CreateInstance<Identity.Demo.DemoCredentialSeeder>(scope.ServiceProvider, Console.Out)
            .SeedAsync(app.Lifetime.ApplicationStopping);
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
        var embeddedProvider = app.Services.GetRequiredService<IOptions<PortalAuthOptions>>().Value.IsEmbedded;
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        // Rate limits guard the provider's sign-in and token endpoints, which only an embedded provider serves.
        if (embeddedProvider) app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapGatekeeperHealth();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api/docs").AllowAnonymous();
        app.MapCultureEndpoints();
        app.MapAccountEndpoints();
        if (embeddedProvider)
        {
            app.MapGatekeeperIdentityServer();
            app.UseEmbeddedPortalClient();
        }

        app.MapApplicationsApi();
        app.MapCatalogueApi();
        app.MapReviewEndpoints();
        app.MapDataApi();
        app.MapAuditConsoleEndpoints();
        app.MapRunsApi();
        app.MapReleasesApi();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().AddAdditionalAssemblies(typeof(IdentityResource).Assembly);
        return app;
    }

}
