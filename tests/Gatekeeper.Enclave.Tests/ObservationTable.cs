using DuckDB.NET.Data;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Ingest.Storage;
using Gatekeeper.VisitingEnvironment.Worker;

namespace Gatekeeper.Enclave.Tests;

/// <summary>One generated row of the test table <c>obs</c>.</summary>
public sealed record Observation(string Person, string? G1, int G2, int? V, double? W);

/// <summary>
/// A tiny data set written the way the worker receives one — a Parquet table and a persons file — for running the
/// engine in-process (no sandbox) many times, e.g. in property tests.
/// </summary>
public sealed class ObservationTable : IDisposable
{
    public ObservationTable(IReadOnlyList<Observation> rows, IReadOnlySet<string> excluded)
    {
        Rows = rows;
        Excluded = excluded;
        Folder = Path.Combine(Path.GetTempPath(), "gk-enclave-tests", "obs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        using var connection = new DuckDBConnection("Data Source=:memory:;threads=1");
        connection.Open();
        Execute(connection, "CREATE TABLE obs (participant_id VARCHAR, g1 VARCHAR, g2 INTEGER, v INTEGER, w DOUBLE)");
        using (var appender = connection.CreateAppender("obs"))
        {
            foreach (var r in rows) appender.CreateRow().AppendValue(r.Person).AppendValue(r.G1).AppendValue(r.G2).AppendValue(r.V).AppendValue(r.W).EndRow();
        }

        Execute(connection, $"COPY obs TO {DuckDbSql.Literal(PartPath)} (FORMAT PARQUET)");
        Execute(connection, "CREATE TABLE persons (dataset_pseudonym VARCHAR, participant_id VARCHAR, unit INTEGER)");
        using (var appender = connection.CreateAppender("persons"))
        {
            var unit = 0;
            foreach (var person in rows.Select(r => r.Person).Distinct().Order(StringComparer.Ordinal).Where(p => !excluded.Contains(p)))
                appender.CreateRow().AppendValue(person).AppendValue("permit-" + person).AppendValue(++unit).EndRow();
        }

        Execute(connection, $"COPY persons TO {DuckDbSql.Literal(PersonsPath)} (FORMAT PARQUET)");
    }

    public IReadOnlyList<Observation> Rows { get; }

    public IReadOnlySet<string> Excluded { get; }

    /// <summary>The rows the run may see: persons the consent filter left in.</summary>
    public IEnumerable<Observation> Visible => Rows.Where(r => !Excluded.Contains(r.Person));

    public string Folder { get; }

    public string PartPath => Path.Combine(Folder, "obs.parquet");

    public string PersonsPath => Path.Combine(Folder, "persons.parquet");

    public WorkerSpec Spec(string query, OutputTier tier = OutputTier.AggregateStatistics, IReadOnlyList<string>? variables = null) => new()
    {
        RunId = "prop-" + Guid.NewGuid().ToString("N")[..8],
        PermitId = "P-prop",
        DatasetId = "test",
        Tier = tier,
        Query = query,
        Tables = [new WorkerTable("obs", [PartPath], variables ?? ["participant_id", "g1", "g2", "v", "w"], ["participant_id", "g1", "g2", "v", "w"], true, "v1")],
        PersonsFile = PersonsPath,
        OutputFolder = Path.Combine(Folder, "out-" + Guid.NewGuid().ToString("N")[..8]),
        Limits = new WorkerLimits(1, 256, 100_000, 50L * 1024 * 1024),
    };

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
