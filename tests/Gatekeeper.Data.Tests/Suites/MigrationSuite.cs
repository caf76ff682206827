using Gatekeeper.Data.Tests.Support;
using Gatekeeper.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gatekeeper.Data.Tests.Suites;

/// <summary>Migrations create the schema, and /healthz tells whether the store is usable.</summary>
public abstract class MigrationSuite<TFixture>(TFixture fixture) : StoreSuite<TFixture>(fixture)
    where TFixture : StoreFixture
{
    private readonly TFixture _fixture = fixture;

    /// <summary>A connection string for this provider that cannot be opened.</summary>
    protected abstract string UnreachableConnectionString { get; }

    [Fact]
    public async Task Every_migration_is_applied_and_none_is_pending()
    {
        await using var db = await Store.DbAsync();

        var all = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(all);
        Assert.Equal(all, await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task The_migrated_schema_has_a_table_for_every_entity_of_the_model()
    {
        await using var db = await Store.DbAsync();
        var tables = db.Model.GetEntityTypes()
            .Where(e => e.GetTableName() is not null)
            .Select(e => e.GetSchema() is { } schema ? $"\"{schema}\".\"{e.GetTableName()}\"" : $"\"{e.GetTableName()}\"")
            .Distinct()
            .ToList();
        Assert.Contains("\"applications\"", tables);
        Assert.Contains("\"audit_entries\"", tables);

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM {table}";
            Assert.True(Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 0);
        }
    }

    [Fact]
    public async Task Initialising_a_migrated_store_again_changes_nothing()
    {
        await using var db = await Store.DbAsync();
        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
        var applications = await db.Applications.CountAsync();

        await Store.Get<DatabaseInitializer>().InitializeAsync(None);

        Assert.Equal(applied, await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(applications, await db.Applications.CountAsync());
    }

    [Fact]
    public async Task The_store_is_healthy_once_migrated()
    {
        var entry = await DatabaseHealthAsync(Store);

        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Contains("migrations applied", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_with_pending_migrations_is_unhealthy_and_names_them()
    {
        await using var store = await TestStore.CreateAsync(_fixture.Provider, seed: false,
            new Dictionary<string, string?> { ["Gatekeeper:Database:MigrateOnStartup"] = "false" });
        await using var db = await store.DbAsync();
        await db.Database.ExecuteSqlRawAsync("SELECT 1"); // the (empty) database exists, its schema does not
        var migrations = db.Database.GetMigrations().ToList();

        var entry = await DatabaseHealthAsync(store);

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains($"{migrations.Count} migration(s) not applied", entry.Description, StringComparison.Ordinal);
        Assert.All(migrations, m => Assert.Contains(m, entry.Description, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unreachable_store_is_unhealthy()
    {
        await using var store = await TestStore.CreateAsync(_fixture.Provider, seed: false, new Dictionary<string, string?>
        {
            ["Gatekeeper:Database:MigrateOnStartup"] = "false",
            ["Gatekeeper:Database:ConnectionString"] = UnreachableConnectionString,
        });

        var entry = await DatabaseHealthAsync(store);

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("not reachable", entry.Description, StringComparison.Ordinal);
    }

    private static async Task<HealthReportEntry> DatabaseHealthAsync(TestStore store)
    {
        var report = await store.Get<HealthCheckService>().CheckHealthAsync(CancellationToken.None);
        return report.Entries["database"];
    }
}
