using Gatekeeper.Data.Airlock;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gatekeeper.Data.Runs;

/// <summary>The store's services for runs, the airlock and the exit review (called by <see cref="GatekeeperDataExtensions.AddGatekeeperData"/>).</summary>
internal static class RunStoreRegistration
{
    public static IServiceCollection AddRunStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RunQueueOptions>().Bind(configuration.GetSection(RunQueueOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.RenewInterval < o.LeaseDuration, $"{RunQueueOptions.Section}:RenewInterval must be shorter than {RunQueueOptions.Section}:LeaseDuration.")
            .ValidateOnStart();
        services.AddSingleton<RunQueue>();
        services.AddSingleton<RunJobs>();
        services.AddSingleton<AirlockService>();
        services.AddSingleton<DemoRunPermit>();
        // The exit review: release requests, output checking, packages, and the differencing check's memory.
        services.AddSingleton<Outputs.ReleasePackageStore>();
        services.AddSingleton<Outputs.OutputReleaseService>();
        services.AddSingleton<Outputs.OutputCheckingService>();
        services.AddSingleton<Outputs.StoreReleaseHistory>();
        services.AddSingleton<Gatekeeper.Disclosure.Differencing.IReleaseHistory>(sp => sp.GetRequiredService<Outputs.StoreReleaseHistory>());
        return services;
    }
}
