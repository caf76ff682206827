using DuckDB.NET.Data;
using Gatekeeper.VisitingEnvironment.Worker;

namespace Gatekeeper.Enclave.Tests;

/// <summary>
/// The second line of defence, with the query validation out of the way: the worker's DuckDB after
/// <see cref="EnclaveDatabase.LockDown"/> reads no file but the permit's parts, loads no extension, writes no file,
/// attaches no database and refuses to change any setting.
/// </summary>
public sealed class LockDownTests : IDisposable
{
    private readonly ObservationTable _table = new([new Observation("p1", "a", 1, 5, 1.5), new Observation("p2", "b", 2, 7, null)], new HashSet<string> { "p2" });
    private readonly EnclaveDatabase _database;
    private readonly string _canary = Path.Combine(Path.GetTempPath(), "gk-lockdown-canary-" + Guid.NewGuid().ToString("N"));

    public LockDownTests()
    {
        var spec = _table.Spec("SELECT 1");
        _database = EnclaveDatabase.Open(spec.Limits);
        _database.CreateViews(spec);
        _database.LockDown([_table.PartPath]);
    }

    [Theory]
    [InlineData("SELECT * FROM read_text('/etc/passwd')")]
    [InlineData("SELECT * FROM read_csv('/etc/passwd')")]
    [InlineData("SELECT * FROM glob('/*')")]
    [InlineData("SELECT * FROM read_csv('https://example.com/x.csv')")]
    public void Files_and_the_network_are_unreachable(string sql)
    {
        var error = Assert.Throws<DuckDBException>(() => Query(sql));
        Assert.Contains("Permission Error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_in_the_from_clause_is_no_table_once_locked()
    {
        var error = Assert.Throws<DuckDBException>(() => Query("SELECT * FROM '/etc/passwd'"));
        Assert.Contains("Catalog Error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_persons_file_read_before_the_lock_cannot_be_read_again() =>
        Assert.Throws<DuckDBException>(() => Query($"SELECT * FROM read_parquet('{_table.PersonsPath}')"));

    [Fact]
    public void Copy_attach_install_and_load_fail()
    {
        Assert.Throws<DuckDBException>(() => _database.Execute($"COPY (SELECT 1) TO '{_canary}'"));
        Assert.Throws<DuckDBException>(() => _database.Execute($"ATTACH '{_canary}' AS other"));
        Assert.Throws<DuckDBException>(() => _database.Execute("INSTALL httpfs"));
        Assert.Throws<DuckDBException>(() => _database.Execute("LOAD httpfs"));
        Assert.False(File.Exists(_canary));
    }

    [Theory]
    [InlineData("SET enable_external_access = true")]
    [InlineData("SET lock_configuration = false")]
    [InlineData("SET allowed_paths = ['/etc/passwd']")]
    [InlineData("SET memory_limit = '100GB'")]
    [InlineData("RESET enable_external_access")]
    public void Settings_are_locked(string sql)
    {
        var error = Assert.Throws<DuckDBException>(() => _database.Execute(sql));
        Assert.Contains("locked", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_views_keep_working_and_show_only_consenting_persons_under_permit_pseudonyms()
    {
        var rows = Query("SELECT participant_id, v FROM obs");
        var row = Assert.Single(rows);
        Assert.Equal("permit-p1", row[0]);
        Assert.Equal(5, row[1]);
    }

    private List<object?[]> Query(string sql)
    {
        using var command = _database.Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }

        return rows;
    }

    public void Dispose()
    {
        _database.Dispose();
        _table.Dispose();
        if (File.Exists(_canary)) File.Delete(_canary);
    }
}
