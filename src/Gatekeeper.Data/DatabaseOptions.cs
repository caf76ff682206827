using System.ComponentModel.DataAnnotations;

namespace Gatekeeper.Data;

/// <summary>Configuration section <c>Gatekeeper:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Gatekeeper:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Connection string. For SQLite it may be empty: the database is then <c>gatekeeper.db</c> in the data folder.
    /// For PostgreSQL it is required.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations at start-up (the embedded default does; a production deployment may migrate separately).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    [Range(1, 600)]
    public int CommandTimeoutSeconds { get; set; } = 30;
}
