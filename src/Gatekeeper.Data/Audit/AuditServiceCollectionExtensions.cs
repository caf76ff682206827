using Gatekeeper.Audit.Checkpoints;
using Gatekeeper.Data.Audit.Alerts;
using Gatekeeper.Data.Audit.Archiving;
using Gatekeeper.Data.Audit.Chaining;
using Gatekeeper.Data.Audit.Dashboard;
using Gatekeeper.Data.Audit.Export;
using Gatekeeper.Data.Audit.Lineage;
using Gatekeeper.Data.Audit.Search;
using Gatekeeper.Data.Audit.Verification;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Data.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// The audit log: the writer (<see cref="AuditTrail"/>), verification, export, retention (with its background
    /// service) and the console's read-only services. Options are validated at start-up with messages naming the setting.
    /// </summary>
    public static IServiceCollection AddGatekeeperAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AuditRetentionOptions>().Bind(configuration.GetSection(AuditRetentionOptions.Section)).ValidateOnStart();
        services.AddOptions<AuditConsoleOptions>().Bind(configuration.GetSection(AuditConsoleOptions.Section)).ValidateOnStart();
        services.AddOptions<AuditAlertOptions>().Bind(configuration.GetSection(AuditAlertOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuditOptions>>(new NamedValidation<AuditOptions>(o => o.Validate()));
        services.AddSingleton<IValidateOptions<AuditRetentionOptions>>(new NamedValidation<AuditRetentionOptions>(o => o.Validate()));
        services.AddSingleton<IValidateOptions<AuditConsoleOptions>>(new NamedValidation<AuditConsoleOptions>(o => o.Validate()));
        services.AddSingleton<IValidateOptions<AuditAlertOptions>>(new NamedValidation<AuditAlertOptions>(o => o.Validate()));

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new CheckpointSigner(AuditKeyFile.LoadOrCreate(sp.GetRequiredService<AuditKeys>().KeyFilePath)));
        services.AddSingleton<AuditKeys>();
        services.AddSingleton<AuditChainer>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AuditReadContextFactory>();
        services.AddSingleton<AuditStoreVerifier>();
        services.AddSingleton<AuditVerificationService>();
        services.AddSingleton<AuditStoreExporter>();
        services.AddSingleton<AuditArchiver>();

        // The console's read services: read-only by construction (AuditReadContext).
        services.AddSingleton<AuditLogSearch>();
        services.AddSingleton<AuditDashboardService>();
        services.AddSingleton<PermitLineageService>();
        services.AddSingleton<AuditAlertService>();
        services.AddSingleton<AuditVerificationStatusReader>();

        services.AddHostedService<AuditMaintenanceService>();
        return services;
    }

    private sealed class NamedValidation<T>(Func<T, string?> validate) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            validate(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
