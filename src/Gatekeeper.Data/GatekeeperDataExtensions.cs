using Gatekeeper.Data.Applications;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Catalogue;
using Gatekeeper.Data.Health;
using Gatekeeper.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Data;

public static class GatekeeperDataExtensions
{
    public const string SqliteMigrationsAssembly = "Gatekeeper.Data.Sqlite";
    public const string PostgresMigrationsAssembly = "Gatekeeper.Data.Postgres";

    /// <summary>
    /// Registers the store. The provider comes from <c>Gatekeeper:Database</c>; SQLite without a connection
    /// string means <c>gatekeeper.db</c> in the <see cref="DataFolder"/>, which the host registers.
    /// </summary>
    public static IServiceCollection AddGatekeeperData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.Provider != DatabaseProvider.Postgres || !string.IsNullOrWhiteSpace(o.ConnectionString),
                $"{DatabaseOptions.Section}:ConnectionString is required when {DatabaseOptions.Section}:Provider is Postgres.")
            .ValidateOnStart();

        // Pooled: an action's context comes from a pool instead of being built (and its EF services resolved) again; per
        // audit append a quarter of the allocations and a lower tail with 8 writers (docs/performance.md, Audit). The
        // context keeps no state of its own, so EF's reset on return is all a reuse needs. Identity's stores and
        // OpenIddict take a scoped context: leased from the same pool and returned when the scope ends.
        services.AddPooledDbContextFactory<GatekeeperDbContext>((sp, builder) =>
            Configure(builder, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, sp.GetRequiredService<DataFolder>().Path));
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<GatekeeperDbContext>>().CreateDbContext());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, ["ready"]);
        services.AddSingleton<DatabaseInitializer>();

        services.AddOptions<AttachmentOptions>().Bind(configuration.GetSection(AttachmentOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DemoSeedOptions>().Bind(configuration.GetSection(DemoSeedOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new AttachmentStore(sp.GetRequiredService<DataFolder>().Combine("attachments")));
        services.AddSingleton<CatalogueService>();
        services.AddSingleton<Directory.DirectoryService>();
        services.AddSingleton<ApplicationService>();
        services.AddSingleton<Disclosure.Privacy.Budget.IPrivacyBudgetLedger, Privacy.StorePrivacyBudgetLedger>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<Startup.StartupAudit>();
        // Administration hashes passwords itself so it works in a portal process without the provider's services too.
        services.TryAddScoped<Microsoft.AspNetCore.Identity.IPasswordHasher<Identity.GatekeeperUser>, Microsoft.AspNetCore.Identity.PasswordHasher<Identity.GatekeeperUser>>();
        services.AddScoped<Administration.AdministrationService>();

        services.AddGatekeeperAudit(configuration);
        Runs.RunStoreRegistration.AddRunStore(services, configuration);
        return services;
    }

    /// <summary>Configures a context for the given options; used by the host, tests and design-time factories.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseOptions options, string dataFolder)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var cs = string.IsNullOrWhiteSpace(options.ConnectionString)
                    ? $"Data Source={Path.Combine(dataFolder, "gatekeeper.db")};Foreign Keys=True"
                    : options.ConnectionString;
                // Split queries: an application auto-includes two collections (attachments, history); one joined query would
                // multiply their rows.
                builder.UseSqlite(cs, o => o.MigrationsAssembly(SqliteMigrationsAssembly).CommandTimeout(options.CommandTimeoutSeconds)
                    .UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
                break;
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(PostgresConnectionString(options.ConnectionString), o => o.MigrationsAssembly(PostgresMigrationsAssembly).CommandTimeout(options.CommandTimeoutSeconds)
                    .UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown database provider.");
        }

        return builder;
    }

    /// <summary>
    /// The configured PostgreSQL connection string with automatic preparation of the statements used most (Npgsql
    /// prepares a statement on its second use and keeps up to 64 per connection), unless the operator set it: the audit
    /// append and the queue's statements then skip parsing and planning on every call.
    /// </summary>
    public static string PostgresConnectionString(string? configured)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(configured);
        if (configured is not null && configured.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase)) return builder.ConnectionString;
        builder.MaxAutoPrepare = 64;
        builder.AutoPrepareMinUsages = 2;
        return builder.ConnectionString;
    }
}
