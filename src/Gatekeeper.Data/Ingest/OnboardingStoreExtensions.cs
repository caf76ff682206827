using Gatekeeper.Data.Consent;
using Gatekeeper.Ingest.Consent;
using Gatekeeper.Ingest.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Gatekeeper.Data.Ingest;

public static class OnboardingStoreExtensions
{
    /// <summary>
    /// Data onboarding on the gatekeeper's store: the import history (<see cref="EfImportLog"/>) and, unless
    /// <paramref name="consentInStore"/> is false, the consent registry (<see cref="EfConsentRegistry"/>) as the
    /// <see cref="IImportLog"/> and <see cref="IConsentRegistry"/> of the importer; the stewards' consent service and
    /// the catalogue sync. Call before <c>AddGatekeeperIngest</c>, which then keeps these instead of its file defaults;
    /// it provides the key provider and analysis store these need.
    /// </summary>
    public static IServiceCollection AddGatekeeperOnboardingStore(this IServiceCollection services, bool consentInStore = true)
    {
        services.AddSingleton<EfImportLog>();
        services.AddSingleton<IImportLog>(sp => sp.GetRequiredService<EfImportLog>());
        services.AddSingleton<EfConsentRegistry>();
        if (consentInStore) services.AddSingleton<IConsentRegistry>(sp => sp.GetRequiredService<EfConsentRegistry>());
        services.AddSingleton<ConsentService>();
        services.AddSingleton<CatalogueTableSync>();
        return services;
    }
}
