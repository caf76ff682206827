using Gatekeeper.Data;
using Gatekeeper.Data.Ingest;
using Gatekeeper.Domain.Policies;
using Gatekeeper.Ingest;
using Gatekeeper.Ingest.Pseudonymisation;
using Gatekeeper.Policies;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Web.Onboarding;

public static class DataOnboardingExtensions
{
    /// <summary>
    /// Data onboarding in the portal: the importer with the store's import history and (by default) consent registry,
    /// the stewards' import service and API, and the first-run demo import.
    /// </summary>
    public static WebApplicationBuilder AddGatekeeperDataOnboarding(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OnboardingOptions>().Bind(builder.Configuration.GetSection(OnboardingOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => Enum.IsDefined(o.ConsentStore), $"{OnboardingOptions.Section}:ConsentStore must be Database or File.")
            .ValidateOnStart();
        var consentStore = builder.Configuration.GetValue($"{OnboardingOptions.Section}:ConsentStore", ConsentStore.Database);
        builder.Services.AddGatekeeperOnboardingStore(consentInStore: consentStore == ConsentStore.Database);
        builder.Services.AddGatekeeperIngest(
            sp => sp.GetRequiredService<DataFolder>().Path,
            sp => CoarseningPolicyLoader.Load(Path.Combine(sp.GetRequiredService<IOptions<PolicyOptions>>().Value.Folder, CoarseningPolicyLoader.RelativePath)),
            sp => sp.GetRequiredService<PurposePolicy>().Purposes.Select(p => p.Code).ToHashSet(StringComparer.Ordinal));
        builder.Services.AddSingleton<DatasetImportService>();
        builder.Services.AddSingleton<DemoImportStatus>();
        builder.Services.AddSingleton<DemoDataImport>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoDataImport>());
        return builder;
    }
}
