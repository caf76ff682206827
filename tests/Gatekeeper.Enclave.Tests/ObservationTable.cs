using DuckDB.NET.Data;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Ingest.Storage;
using Gatekeeper.VisitingEnvironment.Worker;

namespace Gatekeeper.Enclave.Tests;

/// <summary>One generated row of the test table <c>obs</c>.</summary>
public sealed record Observation(string Person, string? G1, int G2, int? V, double? W);

/// <summary>
/// A tiny data set written the way the worker receives one — Parquet tables <c>obs</c> and <c>people</c> and a persons file — for running the
/// engine in-process (no sandbox) many times, e.g. in property tests.
/// </summary>
public sealed class ObservationTable : IDisposable
{
    /// <param name="rows">The table's rows.</param>
    /// <param name="excluded">Persons the consent filter leaves out.</param>
    /// <param name="personNumbers">Whether the part carries the dataset's person numbers (the views then join on them) or predates them (join on the pseudonym).</param>
    public ObservationTable(IReadOnlyList<Observation> rows, IReadOnlySet<string> excluded, bool personNumbers = true)
    {
        Rows = rows;
        Excluded = excluded;
        PersonNumbers = personNumbers;
        Folder = Path.Combine(Path.GetTempPath(), "gk-enclave-tests", "obs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        using var connection = new DuckDBConnection("Data Source=:memory:;threads=1");
        connection.Open();
        Execute(connection, "CREATE TABLE obs (participant_id VARCHAR, g1 VARCHAR, g2 INTEGER, v INTEGER, w DOUBLE)");
        using (var appender = connection.CreateAppender("obs"))
        {
            foreach (var r in rows) appender.CreateRow().AppendValue(r.Person).AppendValue(r.G1).AppendValue(r.G2).AppendValue(r.V).AppendValue(r.W).EndRow();
        }

        // Dataset person numbers unlike the run's unit numbers (sparse, from 1000), so a view that mixed them up would show.
        var numbers = rows.Select(r => r.Person).Distinct().Order(StringComparer.Ordinal).Select((p, i) => (p, n: 1000 + (3 * i))).ToDictionary(x => x.p, x => x.n);
        Execute(connection, "CREATE TABLE registry (pseudonym VARCHAR, person INTEGER)");
        using (var appender = connection.CreateAppender("registry"))
        {
            foreach (var (person, number) in numbers) appender.CreateRow().AppendValue(person).AppendValue(number).EndRow();
        }

        var part = personNumbers ? $"SELECT o.*, r.person AS {PersonRegistry.Column} FROM obs o LEFT JOIN registry r ON r.pseudonym = o.participant_id" : "SELECT * FROM obs";
        Execute(connection, $"COPY ({part}) TO {DuckDbSql.Literal(PartPath)} (FORMAT PARQUET)");
        Execute(connection, "CREATE TABLE people (participant_id VARCHAR, g3 VARCHAR)");
        using (var appender = connection.CreateAppender("people"))
        {
            foreach (var person in numbers.Keys) appender.CreateRow().AppendValue(person).AppendValue(PersonGroup(person)).EndRow();
        }

        var peoplePart = personNumbers ? $"SELECT t.*, r.person AS {PersonRegistry.Column} FROM people t JOIN registry r ON r.pseudonym = t.participant_id" : "SELECT * FROM people";
        Execute(connection, $"COPY ({peoplePart}) TO {DuckDbSql.Literal(PeoplePath)} (FORMAT PARQUET)");
        Execute(connection, "CREATE TABLE persons (dataset_pseudonym VARCHAR, participant_id VARCHAR, unit INTEGER, person INTEGER)");
        using (var appender = connection.CreateAppender("persons"))
        {
            var unit = 0;
            foreach (var person in numbers.Keys.Order(StringComparer.Ordinal).Where(p => !excluded.Contains(p)))
            {
                var row = appender.CreateRow().AppendValue(person).AppendValue("permit-" + person).AppendValue(++unit);
                (personNumbers ? row.AppendValue(numbers[person]) : row.AppendNullValue()).EndRow();
            }
        }

        Execute(connection, $"COPY persons TO {DuckDbSql.Literal(PersonsPath)} (FORMAT PARQUET)");
    }

    public IReadOnlyList<Observation> Rows { get; }

    public IReadOnlySet<string> Excluded { get; }

    public bool PersonNumbers { get; }

    /// <summary>The rows the run may see: persons the consent filter left in.</summary>
    public IEnumerable<Observation> Visible => Rows.Where(r => !Excluded.Contains(r.Person));

    public string Folder { get; }

    public string PartPath => Path.Combine(Folder, "obs.parquet");

    public string PersonsPath => Path.Combine(Folder, "persons.parquet");

    /// <summary>The second table, <c>people</c>: one row per person with <c>g3</c>, <see cref="PersonGroup"/>.</summary>
    public string PeoplePath => Path.Combine(Folder, "people.parquet");

    /// <summary>A person's group in <c>people.g3</c>, fixed by the person's name.</summary>
    public static string PersonGroup(string person) => "x" + (person.Sum(c => (int)c) % 3).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public WorkerSpec Spec(string query, OutputTier tier = OutputTier.AggregateStatistics, IReadOnlyList<string>? variables = null) => new()
    {
        RunId = "prop-" + Guid.NewGuid().ToString("N")[..8],
        PermitId = "P-prop",
        DatasetId = "test",
        Tier = tier,
        Query = query,
        Tables =
        [
            new WorkerTable("obs", [PartPath], variables ?? ["participant_id", "g1", "g2", "v", "w"], ["participant_id", "g1", "g2", "v", "w"], true, "v1", PersonNumbers),
            new WorkerTable("people", [PeoplePath], ["participant_id", "g3"], ["participant_id", "g3"], true, "v1", PersonNumbers),
        ],
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
