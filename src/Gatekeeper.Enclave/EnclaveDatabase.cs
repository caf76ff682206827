using System.Globalization;
using DuckDB.NET.Data;
using Gatekeeper.Ingest.Storage;
using Gatekeeper.VisitingEnvironment.Queries;
using Gatekeeper.VisitingEnvironment.Worker;

namespace Gatekeeper.Enclave;

/// <summary>
/// The run's DuckDB: an in-memory database whose only data are the permit-scoped views. For each permit table,
/// <c>main.&lt;table&gt;</c> shows the granted variables of the consenting persons, with <c>participant_id</c> replaced
/// by the per-permit pseudonym; its twin <c>__gk.&lt;table&gt;</c> adds the hidden person number for the shadow
/// statistics, and <c>__gkn.&lt;table&gt;</c> shows the same rows with the run's person number in place of the pseudonym
/// (for stage 1 of queries that only join, group or count by the person, <see cref="NumberedPersonViews"/>). Then
/// <see cref="LockDown"/>: no file or network access except the permit's Parquet parts, no extension
/// loading, configuration locked.
/// </summary>
public sealed class EnclaveDatabase : IDisposable
{
    public const string HiddenSchema = "__gk";
    public const string PersonsTable = "__gk.persons";

    private readonly DuckDBConnection _connection;

    private EnclaveDatabase(DuckDBConnection connection)
    {
        _connection = connection;
    }

    public DuckDBConnection Connection => _connection;

    public bool IsLocked { get; private set; }

    /// <summary>Opens an in-memory database with the run's limits; extensions are never installed or autoloaded.</summary>
    public static EnclaveDatabase Open(WorkerLimits limits)
    {
        var connection = new DuckDBConnection(
            "Data Source=:memory:" +
            $";threads={Math.Max(1, limits.Threads)}" +
            $";memory_limit={Math.Max(16, limits.MemoryLimitMb).ToString(CultureInfo.InvariantCulture)}MB" +
            ";autoinstall_known_extensions=false;autoload_known_extensions=false" +
            ";allow_community_extensions=false;allow_unsigned_extensions=false");
        connection.Open();
        var database = new EnclaveDatabase(connection);
        // No spilling to disk: a query needing more than the memory limit fails with DuckDB's out-of-memory error.
        database.Execute("SET temp_directory = ''");
        database.Execute("SET max_temp_directory_size = '0B'");
        database.Execute("SET enable_progress_bar = false");
        return database;
    }

    /// <summary>Loads the persons the run may see and creates both views of every permit table.</summary>
    public void CreateViews(WorkerSpec spec)
    {
        if (IsLocked) throw new InvalidOperationException("The database is locked.");
        Execute($"CREATE SCHEMA {HiddenSchema}");
        Execute($"CREATE SCHEMA {NumberedPersonViews.Schema}");
        // The dataset pseudonyms are loaded only for a table that must be joined on them (published before person numbers).
        var byPseudonym = spec.Tables.Any(t => t.HasUnit && !t.PersonNumbers);
        Execute($"CREATE TABLE {PersonsTable} AS SELECT {(byPseudonym ? "dataset_pseudonym::VARCHAR" : "NULL::VARCHAR")} AS dataset_pseudonym, " +
                $"participant_id::VARCHAR AS participant_id, unit::INTEGER AS unit, person::INTEGER AS person FROM read_parquet({DuckDbSql.Literal(spec.PersonsFile)})");
        foreach (var table in spec.Tables)
        {
            Execute(ViewSql("main", table, spec.UnitColumn, hidden: false));
            Execute(ViewSql(HiddenSchema, table, spec.UnitColumn, hidden: true));
            Execute(ViewSql(NumberedPersonViews.Schema, table, spec.UnitColumn, hidden: true, numbered: true));
        }
    }

    /// <summary>
    /// From here on DuckDB reads no file but the permit's parts (<c>allowed_paths</c>), opens no network connection,
    /// loads no extension, and refuses every SET: <c>lock_configuration</c> cannot be undone.
    /// </summary>
    public void LockDown(IEnumerable<string> allowedFiles)
    {
        Execute($"SET allowed_paths = {DuckDbSql.List(allowedFiles)}");
        Execute("SET enable_external_access = false");
        Execute("SET lock_configuration = true");
        IsLocked = true;
    }

    public string Version() => Scalar("SELECT version()")?.ToString() ?? "";

    public void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public object? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>Output columns (name, DuckDB type) of a query, from DuckDB's binder, without running it.</summary>
    public IReadOnlyList<WorkerColumn> Describe(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "DESCRIBE " + sql;
        using var reader = command.ExecuteReader();
        var columns = new List<WorkerColumn>();
        while (reader.Read()) columns.Add(new WorkerColumn(reader.GetString(0), reader.GetString(1)));
        return columns;
    }

    internal static string ViewSql(string schema, WorkerTable table, string unitColumn, bool hidden, bool numbered = false)
    {
        var columns = table.Variables.Select(v =>
            table.HasUnit && string.Equals(v, unitColumn, StringComparison.OrdinalIgnoreCase)
                ? $"{(numbered ? "p.unit" : "p.participant_id")} AS {DuckDbSql.Identifier(v)}"
                : $"t.{DuckDbSql.Identifier(v)}").ToList();
        if (hidden) columns.Add(table.HasUnit ? "p.unit AS __gk_unit" : "NULL::INTEGER AS __gk_unit");
        if (columns.Count == 0) columns.Add("NULL AS __gk_no_columns");
        var from = $"read_parquet({DuckDbSql.List(table.Parts)}, filename = false, hive_partitioning = false) AS t";
        // On the dataset's dense person number when the parts carry it (DuckDB then joins through an array, not a hash
        // of 32-character pseudonyms); on the pseudonym for tables published before person numbers existed.
        if (table.HasUnit)
        {
            from += table.PersonNumbers
                ? $" JOIN {PersonsTable} AS p ON t.{PersonRegistry.Column} = p.person"
                : $" JOIN {PersonsTable} AS p ON t.{DuckDbSql.Identifier(unitColumn)} = p.dataset_pseudonym";
        }
        return $"CREATE VIEW {schema}.{DuckDbSql.Identifier(table.Name)} AS SELECT {string.Join(", ", columns)} FROM {from}";
    }

    public void Dispose() => _connection.Dispose();
}
