using Gatekeeper.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Data;

/// <summary>Applies migrations at start-up when configured to, then seeds demo data into an empty store when asked.</summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<GatekeeperDbContext> factory,
    IOptions<DatabaseOptions> options,
    IOptions<DemoSeedOptions> demo,
    DemoSeeder seeder,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            if (options.Value.MigrateOnStartup)
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                if (pending.Count > 0)
                {
                    logger.LogInformation("Applying {Count} migration(s) to the {Provider} store", pending.Count, db.Database.ProviderName);
                    await db.Database.MigrateAsync(cancellationToken);
                }
            }
            else
            {
                logger.LogInformation("Database migration at start-up is off; /healthz reports pending migrations");
            }
        }

        if (demo.Value.Seed) await seeder.SeedAsync(cancellationToken);
    }
}
