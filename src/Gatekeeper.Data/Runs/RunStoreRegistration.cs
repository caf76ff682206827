using Gatekeeper.Data.Airlock;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gatekeeper.Data.Runs;

/// <summary>The store's services for runs and the airlock (called by <see cref="GatekeeperDataExtensions.AddGatekeeperData"/>).</summary>
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
        return services;
    }
}
