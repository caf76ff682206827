using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Audit.Alerts;
using Gatekeeper.Data.Audit.Dashboard;
using Gatekeeper.Data.Audit.Lineage;
using Gatekeeper.Data.Audit.Search;
using Gatekeeper.Data.Audit.Verification;
using Gatekeeper.Testing;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Web.Tests;

/// <summary>
/// A portal context for the audit console, signed in as the demo certified operator (吉田), with the product's audit read
/// services over its store and, when asked, <see cref="PermitScenario"/> written to the log (the clock then stands 101 days on).
/// </summary>
internal static class AuditPortal
{
    public const string OperatorId = "operator-yoshida";

    public static async Task<PortalContext> CreateAsync(bool withScenario, string culture = "en")
    {
        var portal = await PortalContext.CreateAsync(OperatorId, culture);
        var services = portal.Bunit.Services;
        services.AddSingleton(portal.Store.Get<AuditLogSearch>());
        services.AddSingleton(portal.Store.Get<AuditDashboardService>());
        services.AddSingleton(portal.Store.Get<PermitLineageService>());
        services.AddSingleton(portal.Store.Get<AuditAlertService>());
        services.AddSingleton(portal.Store.Get<AuditVerificationStatusReader>());
        services.AddSingleton(portal.Store.Get<AuditVerificationService>());
        services.AddSingleton(portal.Store.Get<IOptions<AuditConsoleOptions>>());
        if (withScenario) await PermitScenario.WriteAsync(portal.Store);
        return portal;
    }

    /// <summary>Puts the test's browser at a console address, so a page reads its filters from the query string.</summary>
    public static void GoTo(this PortalContext portal, string uri) =>
        portal.Bunit.Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
}
