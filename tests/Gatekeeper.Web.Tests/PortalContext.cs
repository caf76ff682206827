using Microsoft.AspNetCore.Authorization;
using System.Globalization;
using Bunit;
using Gatekeeper.Data.Administration;
using Gatekeeper.Data.Applications;
using Gatekeeper.Data.Catalogue;
using Gatekeeper.Data.Directory;
using Gatekeeper.Data.Seeding;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Policies;
using Gatekeeper.Testing;
using Gatekeeper.Web.Account;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace Gatekeeper.Web.Tests;

/// <summary>
/// A bUnit context over the product's real services and a real, demo-seeded SQLite store, signed in
/// as one of the demo users with the claims the portal's sign-in gives them.
/// </summary>
public sealed class PortalContext : IAsyncDisposable
{
    private readonly CultureInfo _culture;
    private bool _providerRendered;

    private PortalContext(BunitContext bunit, TestStore store, Actor actor, CultureInfo culture)
    {
        _culture = culture;
        Bunit = bunit;
        Store = store;
        Actor = actor;
    }

    public BunitContext Bunit { get; }

    public TestStore Store { get; }

    public Actor Actor { get; }

    public ApplicationService Applications => Store.Get<ApplicationService>();

    /// <summary>Where dialogs opened by the rendered page appear.</summary>
    public IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = default!;

    public static async Task<PortalContext> CreateAsync(string userId = "researcher-sato", string culture = "en")
    {
        var store = await TestStore.CreateAsync();
        // The machine is shared: give real store round trips time before a wait gives up.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        var bunit = new BunitContext();
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;

        var services = bunit.Services;
        services.AddSingleton(store.Get<ApplicationService>());
        services.AddSingleton(store.Get<CatalogueService>());
        services.AddSingleton(store.Get<DirectoryService>());
        services.AddSingleton(store.Get<PurposePolicy>());
        services.AddSingleton(store.Get<IOptions<AttachmentOptions>>());
        services.AddSingleton<TimeProvider>(store.Time);
        services.AddLogging(b => b.AddConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
            o.PopoverOptions.CheckForPopoverProvider = false;
        });
        services.AddScoped<ActorAccessor>();
        services.AddScoped<Components.Shared.ValidationMessages>();
        services.AddSingleton(store.Get<Gatekeeper.Data.Workflows.ReviewWorkflowService>());
        services.AddSingleton<Reviews.ApplicationSubmission>();
        services.AddScoped(_ => store.Services.CreateScope().ServiceProvider.GetRequiredService<AdministrationService>());
        // Data onboarding: the store's importer, history and consent registry; the portal's import service over them.
        services.AddSingleton(store.Get<Gatekeeper.Data.Consent.ConsentService>());
        services.AddSingleton(Options.Create(new Onboarding.OnboardingOptions()));
        services.AddSingleton(new Onboarding.DemoImportStatus());
        services.AddSingleton(sp => new Onboarding.DatasetImportService(
            store.Get<Gatekeeper.Ingest.Importing.ExchangeImporter>(), store.Get<Gatekeeper.Data.Ingest.EfImportLog>(), store.Get<CatalogueService>(),
            store.Get<Gatekeeper.Data.Ingest.CatalogueTableSync>(), store.Get<Gatekeeper.Data.DataFolder>(), sp.GetRequiredService<IOptions<Onboarding.OnboardingOptions>>(),
            sp.GetRequiredService<ILogger<Onboarding.DatasetImportService>>()));

        var user = DemoDirectory.Users.First(u => u.Id == userId);
        var principal = GatekeeperClaims.CreatePrincipal(user, "test");
        var auth = bunit.AddAuthorization();
        auth.SetAuthorized(user.DisplayName);
        auth.SetRoles([.. user.Roles]);
        auth.SetClaims([.. principal.Claims]);
        auth.SetPolicies([.. SatisfiedPolicies(principal)]);

        return new PortalContext(bunit, store, TestActors.For(userId), new CultureInfo(culture));
    }

    /// <summary>The portal's policies this person meets, evaluated by the real authorisation service on the real policies.</summary>
    private static IEnumerable<string> SatisfiedPolicies(System.Security.Claims.ClaimsPrincipal principal)
    {
        using var provider = new ServiceCollection().AddLogging().AddGatekeeperPolicies().BuildServiceProvider();
        var authorization = provider.GetRequiredService<IAuthorizationService>();
        return Policies.All.Where(policy => authorization.AuthorizeAsync(principal, policy).GetAwaiter().GetResult().Succeeded).ToList();
    }

    /// <summary>Renders a page or component, with the popover provider MudBlazor's selects and menus need.</summary>
    public IRenderedComponent<T> Render<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null) where T : IComponent
    {
        // Set here, synchronously in the test, so the test's later events and their async work carry this culture
        // (a culture set inside an async method would not flow back to the caller).
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = _culture;
        if (!_providerRendered)
        {
            Bunit.Render<MudPopoverProvider>();
            Dialogs = Bunit.Render<MudDialogProvider>();
        }

        _providerRendered = true;
        return Bunit.Render(parameters);
    }

    public async ValueTask DisposeAsync()
    {
        await Bunit.DisposeAsync();
        await Store.DisposeAsync();
    }
}
