using Gatekeeper.Ingest.Consent;
using Gatekeeper.Ingest.Exchange;
using Gatekeeper.Ingest.Importing;
using Gatekeeper.Ingest.Pseudonymisation;
using Gatekeeper.Ingest.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Gatekeeper.Ingest.Tests.Storage;

public sealed class ServiceRegistrationTests : IDisposable
{
    private readonly IngestHarness _harness = new();

    [Fact]
    public async Task The_defaults_resolve_and_a_host_registered_store_is_kept()
    {
        var registry = new InMemoryConsentRegistry();
        var services = new ServiceCollection();
        services.AddSingleton<IConsentRegistry>(registry);
        services.AddGatekeeperIngest(_ => _harness.Layout.Root, _ => IngestHarness.Coarsening, _ => RepositoryFiles.PurposeCodes);
        await using var provider = services.BuildServiceProvider();

        Assert.IsType<FileKeyProvider>(provider.GetRequiredService<IKeyProvider>());
        Assert.IsType<FileImportLog>(provider.GetRequiredService<IImportLog>());
        Assert.Same(registry, provider.GetRequiredService<IConsentRegistry>());
        var importer = provider.GetRequiredService<ExchangeImporter>();
        var path = _harness.Write("consent.csv", "consortium_id,participant_id,consent_action_code,purpose_code,effective_date,update_time\nC01,P1,1,,20250401,20250331090000000\n");
        Assert.Equal(ImportOutcome.Committed, (await importer.ImportAsync("dpp", path)).Outcome);
        Assert.Single(await registry.GetEventsAsync("dpp"));
        Assert.Equal(ExchangeFormat.Consent.Table, (await provider.GetRequiredService<IImportLog>().ListAsync("dpp")).Single().Table);
    }

    public void Dispose() => _harness.Dispose();
}
