using System.Globalization;
using DuckDB.NET.Data;

namespace Gatekeeper.Ingest.Storage;

/// <summary>One-statement helpers for the importer's DuckDB connections.</summary>
internal static class DuckDbCommands
{
    /// <summary>Runs a statement; returns the rows it changed (inserted, copied), as DuckDB reports them.</summary>
    public static async Task<int> ExecuteAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The first column of the first row, as a whole number.</summary>
    public static async Task<long> ScalarAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}
