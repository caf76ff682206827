using DuckDB.NET.Data;
using Gatekeeper.Ingest.Storage;
using Gatekeeper.VisitingEnvironment.Worker;

namespace Gatekeeper.VisitingEnvironment.Results;

/// <summary>
/// Writes result tables as Parquet and CSV. The run's own database is locked (it may not write files), so results
/// are appended to a second, private in-memory DuckDB that never sees the researcher's SQL, and that one writes
/// the files into the output folder.
/// </summary>
public sealed class ResultWriter : IDisposable
{
    private readonly DuckDBConnection _connection;
    private int _tables;

    public ResultWriter()
    {
        _connection = new DuckDBConnection("Data Source=:memory:;threads=1;autoinstall_known_extensions=false;autoload_known_extensions=false");
        _connection.Open();
    }

    /// <summary>Starts a table with the given (written) columns.</summary>
    public ResultTableSink Begin(IReadOnlyList<WorkerColumn> columns)
    {
        var table = $"t{++_tables}";
        using (var create = _connection.CreateCommand())
        {
            create.CommandText = $"CREATE TABLE {table} ({string.Join(", ", columns.Select(c => $"{DuckDbSql.Identifier(c.Name)} {c.Type}"))})";
            create.ExecuteNonQuery();
        }

        return new ResultTableSink(_connection, table, columns);
    }

    /// <summary>Writes the table's rows to Parquet and to CSV (UTF-8 with a byte-order mark for spreadsheet software).</summary>
    public void Save(ResultTableSink sink, string parquetPath, string csvPath)
    {
        sink.Close();
        Directory.CreateDirectory(Path.GetDirectoryName(parquetPath)!);
        Execute($"COPY {sink.Table} TO {DuckDbSql.Literal(parquetPath)} (FORMAT PARQUET, COMPRESSION zstd)");
        var plain = csvPath + ".tmp";
        Execute($"COPY {sink.Table} TO {DuckDbSql.Literal(plain)} (FORMAT CSV, HEADER true, DELIMITER ',', QUOTE '\"')");
        using (var output = new FileStream(csvPath, FileMode.Create, FileAccess.Write))
        {
            output.Write([0xEF, 0xBB, 0xBF]);
            using var input = File.OpenRead(plain);
            input.CopyTo(output);
        }

        File.Delete(plain);
        Execute($"DROP TABLE {sink.Table}");
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();
}
