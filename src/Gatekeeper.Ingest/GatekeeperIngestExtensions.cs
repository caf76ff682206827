using Gatekeeper.Ingest.Consent;
using Gatekeeper.Ingest.Importing;
using Gatekeeper.Ingest.Pseudonymisation;
using Gatekeeper.Ingest.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gatekeeper.Ingest;

public static class GatekeeperIngestExtensions
{
    /// <summary>
    /// Registers data onboarding with the embedded defaults (key files, import log and consent registry in the data
    /// folder). A host that registers its own <see cref="IKeyProvider"/>, <see cref="IImportLog"/> or
    /// <see cref="IConsentRegistry"/> before this call (a KMS, the EF store) keeps it: the defaults are only tried.
    /// </summary>
    /// <param name="dataFolder">The data folder, e.g. from the host's DataFolder service.</param>
    /// <param name="coarsening">Usually <see cref="CoarseningPolicyLoader.Load"/> of policies/ingest/coarsening.yaml.</param>
    /// <param name="purposeCodes">The purpose codes of policies/purposes.yaml, for consent files.</param>
    public static IServiceCollection AddGatekeeperIngest(
        this IServiceCollection services,
        Func<IServiceProvider, string> dataFolder,
        Func<IServiceProvider, CoarseningPolicy> coarsening,
        Func<IServiceProvider, IReadOnlySet<string>> purposeCodes)
    {
        services.TryAddSingleton(sp => new DataLayout(dataFolder(sp)));
        services.TryAddSingleton<IKeyProvider>(sp => new FileKeyProvider(sp.GetRequiredService<DataLayout>()));
        services.TryAddSingleton<IImportLog>(sp => new FileImportLog(sp.GetRequiredService<DataLayout>()));
        services.TryAddSingleton<IConsentRegistry>(sp => new FileConsentRegistry(sp.GetRequiredService<DataLayout>()));
        services.TryAddSingleton(sp => new AnalysisStore(sp.GetRequiredService<DataLayout>()));
        services.TryAddSingleton(sp => new RawFileVault(sp.GetRequiredService<IKeyProvider>(), sp.GetRequiredService<DataLayout>()));
        services.TryAddSingleton(sp => new ExchangeImporter(
            sp.GetRequiredService<DataLayout>(),
            sp.GetRequiredService<IKeyProvider>(),
            sp.GetRequiredService<IImportLog>(),
            sp.GetRequiredService<IConsentRegistry>(),
            coarsening(sp),
            purposeCodes(sp),
            sp.GetService<TimeProvider>()));
        return services;
    }
}
