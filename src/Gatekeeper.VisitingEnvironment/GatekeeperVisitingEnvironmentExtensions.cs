using Gatekeeper.Ingest.Consent;
using Gatekeeper.Ingest.Pseudonymisation;
using Gatekeeper.Ingest.Storage;
using Gatekeeper.VisitingEnvironment.Runs;
using Gatekeeper.VisitingEnvironment.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gatekeeper.VisitingEnvironment;

public static class GatekeeperVisitingEnvironmentExtensions
{
    /// <summary>
    /// Registers the visiting environment: <see cref="IRunExecutor"/> (singleton) with its <see cref="SandboxProbe"/>,
    /// options validated at start-up. Needs the ingest services (<see cref="AnalysisStore"/>, <see cref="IConsentRegistry"/>,
    /// <see cref="IKeyProvider"/>): call <c>AddGatekeeperIngest</c> too.
    /// </summary>
    public static IServiceCollection AddGatekeeperVisitingEnvironment(this IServiceCollection services, Action<VisitingEnvironmentOptions> configure)
    {
        services.AddOptions<VisitingEnvironmentOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VisitingEnvironmentOptions>, VisitingEnvironmentOptionsValidator>());
        services.TryAddSingleton(sp => new SandboxProbe(sp.GetRequiredService<IOptions<VisitingEnvironmentOptions>>().Value));
        services.TryAddSingleton<IRunExecutor>(sp => new RunExecutor(
            sp.GetRequiredService<IOptions<VisitingEnvironmentOptions>>().Value,
            sp.GetRequiredService<AnalysisStore>(),
            sp.GetRequiredService<IConsentRegistry>(),
            sp.GetRequiredService<IKeyProvider>(),
            sp.GetRequiredService<SandboxProbe>(),
            sp.GetService<TimeProvider>(),
            sp.GetService<Disclosure.Privacy.Budget.IPrivacyBudgetLedger>()));
        return services;
    }
}
