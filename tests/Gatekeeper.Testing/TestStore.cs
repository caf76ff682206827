using Gatekeeper.Data;
using Gatekeeper.Data.Ingest;
using Gatekeeper.Data.Workflows;
using Gatekeeper.Ingest;
using Gatekeeper.Ingest.Pseudonymisation;
using Gatekeeper.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Gatekeeper.Testing;

/// <summary>
/// A real, empty (or demo-seeded) Gatekeeper store for one test class: a SQLite file in a temporary
/// data folder, or a fresh PostgreSQL database created on the local server and dropped afterwards.
/// The services are the product's own registrations; only the clock is a <see cref="FakeTimeProvider"/>.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    /// <summary>Admin connection string of the test PostgreSQL server (set by scripts/ensure-postgres.sh via gatekeeper.sh).</summary>
    public const string PostgresVariable = "GATEKEEPER_TEST_POSTGRES";

    private readonly ServiceProvider _services;
    private readonly string? _postgresDatabase;

    private TestStore(ServiceProvider services, string dataFolder, DatabaseProvider provider, string? postgresDatabase, FakeTimeProvider time)
    {
        _services = services;
        DataFolder = dataFolder;
        Provider = provider;
        _postgresDatabase = postgresDatabase;
        Time = time;
    }

    public IServiceProvider Services => _services;

    public string DataFolder { get; }

    public DatabaseProvider Provider { get; }

    public FakeTimeProvider Time { get; }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public Task<GatekeeperDbContext> DbAsync() => Get<IDbContextFactory<GatekeeperDbContext>>().CreateDbContextAsync();

    /// <summary>Creates, migrates and (optionally) demo-seeds a store.</summary>
    public static Task<TestStore> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite, bool seed = true, DateTimeOffset? now = null) =>
        CreateAsync(provider, seed, new Dictionary<string, string?>(), now);

    /// <summary>
    /// Creates a store with extra configuration (e.g. <c>Gatekeeper:Attachments:MaxBytes</c>, or
    /// <c>Gatekeeper:Database:MigrateOnStartup=false</c> for an un-migrated store); settings override the test defaults.
    /// </summary>
    public static async Task<TestStore> CreateAsync(DatabaseProvider provider, bool seed, IReadOnlyDictionary<string, string?> settings, DateTimeOffset? now = null)
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "gatekeeper-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataFolder);
        string? database = null;
        string? connectionString = null;
        if (provider == DatabaseProvider.Postgres)
        {
            database = $"gk_test_{Guid.NewGuid():N}";
            var admin = new NpgsqlConnectionStringBuilder(RequirePostgres());
            await using (var connection = new NpgsqlConnection(admin.ConnectionString))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
                await command.ExecuteNonQueryAsync();
            }

            admin.Database = database;
            connectionString = admin.ConnectionString;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gatekeeper:Database:Provider"] = provider.ToString(),
            ["Gatekeeper:Database:ConnectionString"] = connectionString,
            ["Gatekeeper:Demo:Seed"] = seed.ToString(),
            ["Gatekeeper:Policies:Folder"] = RepositoryPaths.Policies,
            ["Gatekeeper:Workflows:Folder"] = RepositoryPaths.Workflows,
        }).AddInMemoryCollection(settings).Build();

        var time = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<TimeProvider>(time)
            .AddSingleton<IConfiguration>(configuration)
            .AddGatekeeperPolicies(configuration)
            .AddSingleton(new DataFolder(dataFolder))
            .AddGatekeeperData(configuration)
            .AddGatekeeperWorkflows(configuration)
            // Data onboarding as the portal registers it: import history and consent registry in this store.
            .AddGatekeeperOnboardingStore()
            .AddGatekeeperIngest(
                _ => dataFolder,
                _ => CoarseningPolicyLoader.Load(Path.Combine(RepositoryPaths.Policies, CoarseningPolicyLoader.RelativePath)),
                sp => sp.GetRequiredService<Gatekeeper.Domain.Policies.PurposePolicy>().Purposes.Select(p => p.Code).ToHashSet(StringComparer.Ordinal))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

        var store = new TestStore(services, dataFolder, provider, database, time);
        await store.Get<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        return store;
    }

    /// <summary>The test PostgreSQL server's admin connection string; fails (not skips) when it is missing, since CI always provides it.</summary>
    public static string RequirePostgres() =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                $"{PostgresVariable} is not set. Run the tests through ./gatekeeper.sh test, which starts PostgreSQL on loopback and sets it.");

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(RequirePostgres());
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test on clean-up.
        }
    }
}
