using Gatekeeper.Data.Catalogue;
using Gatekeeper.Data.Permits;
using Gatekeeper.Data.Runs;
using Gatekeeper.Disclosure.Policies;
using Gatekeeper.Domain.Permits;
using Gatekeeper.Ingest.Consent;
using Gatekeeper.Ingest.Importing;
using Gatekeeper.Ingest.Pseudonymisation;
using Gatekeeper.Ingest.Storage;
using Gatekeeper.Ingest.Synthetic;
using Gatekeeper.Policies.Purposes;
using Gatekeeper.Testing;
using Gatekeeper.VisitingEnvironment.Runs;
using Gatekeeper.VisitingEnvironment.Sandbox;
using Gatekeeper.Web.Runs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Web.Tests;

/// <summary>
/// A portal context with the run page's services over the store's data folder: the demo permit, the real query
/// validation (visiting environment), and optionally the synthetic programme imported so the permit's tables exist.
/// No worker pool runs here: queued runs stay queued.
/// </summary>
internal static class RunsPortal
{
    public static async Task<(PortalContext Portal, DataPermit Permit)> CreateAsync(string userId, bool withData, string culture = "en")
    {
        var portal = await PortalContext.CreateAsync(userId, culture);
        var store = portal.Store;
        var layout = new DataLayout(store.DataFolder);
        var keys = new FileKeyProvider(layout);
        var consent = new FileConsentRegistry(layout);
        if (withData) await ImportAsync(layout, keys, consent);

        var analysis = new AnalysisStore(layout);
        var executor = new RunExecutor(new VisitingEnvironmentOptions { RunsFolder = Path.Combine(store.DataFolder, "runs"), WarmWorkers = 0 }, analysis, consent, keys);
        var specs = new RunSpecFactory(store.Get<CatalogueService>(), analysis, Options.Create(new RunLimitOptions()),
            DisclosurePolicyCatalogue.LoadDirectory(Path.Combine(RepositoryPaths.Policies, "disclosure")));
        var services = portal.Bunit.Services;
        services.AddSingleton(store.Get<PermitService>());
        services.AddSingleton(store.Get<RunQueue>());
        services.AddSingleton<IRunExecutor>(executor);
        services.AddSingleton(specs);
        services.AddSingleton(new DpAccuracyReader(new Data.DataFolder(store.DataFolder)));
        services.AddSingleton<IRunQueryCheck>(new RunQueryCheck(executor, specs));
        var permit = await store.Get<DemoRunPermit>().EnsureAsync(CancellationToken.None);
        Assert.NotNull(permit);
        return (portal, permit);
    }

    private static async Task ImportAsync(DataLayout layout, FileKeyProvider keys, FileConsentRegistry consent)
    {
        var csv = Path.Combine(layout.Root, "csv");
        await new DemoDataGenerator().GenerateAsync(new DemoDataOptions { Participants = 30, Days = 20, OutputFolder = csv });
        var purposes = PurposePolicyLoader.Load(Path.Combine(RepositoryPaths.Policies, PurposePolicyLoader.FileName)).Purposes.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        var importer = new ExchangeImporter(layout, keys, new FileImportLog(layout), consent,
            CoarseningPolicyLoader.Load(Path.Combine(RepositoryPaths.Policies, CoarseningPolicyLoader.RelativePath)), purposes);
        foreach (var file in Directory.GetFiles(csv, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var result = await importer.ImportAsync("dpp", file);
            Assert.True(result.Outcome is ImportOutcome.Committed or ImportOutcome.AlreadyImported, result.Record.Message);
        }
    }
}
