using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DuckDB.NET.Data;
using Gatekeeper.Ingest.Consent;
using Gatekeeper.Ingest.Pseudonymisation;
using Gatekeeper.Ingest.Storage;

namespace Gatekeeper.VisitingEnvironment.Runs;

/// <summary>
/// Writes, for one run, the persons it may see: everyone in the permit's tables (their current versions) whose
/// consent allows the permit's purpose at run time (<see cref="ConsentFilter"/>, computed afresh for every run, so a
/// withdrawal takes effect for every later run), each with the per-permit pseudonym
/// (<see cref="PermitPseudonymiser"/>, derived here on the host, so no key ever enters the sandbox) and a person
/// number for the shadow statistics. The distinct persons of each table version, and each permit's pseudonyms for a
/// set of versions, are computed once and cached; a run only applies the consent filter to the cached list.
/// </summary>
public sealed class RunPersons
{
    private readonly string _cacheFolder;
    private readonly IConsentRegistry _consent;
    private readonly IKeyProvider _keys;

    public RunPersons(string cacheFolder, IConsentRegistry consent, IKeyProvider keys)
    {
        _cacheFolder = cacheFolder;
        _consent = consent;
        _keys = keys;
    }

    /// <param name="datasetId">The dataset.</param>
    /// <param name="permitId">The permit: decides the pseudonyms.</param>
    /// <param name="purposeCode">The permit's purpose: decides who is left out.</param>
    /// <param name="runTime">The run's time: decisions effective later do not apply yet.</param>
    /// <param name="tables">Per person-level table: its version name and parts.</param>
    /// <param name="unitColumn">The person column in the tables.</param>
    /// <param name="path">The Parquet file to write.</param>
    public async Task<PersonsFile> WriteAsync(
        string datasetId,
        string permitId,
        string purposeCode,
        DateTimeOffset runTime,
        IReadOnlyList<(string Table, string Version, IReadOnlyList<string> Parts)> tables,
        string unitColumn,
        string path,
        CancellationToken cancellationToken)
    {
        var sources = new List<string>();
        foreach (var (table, version, parts) in tables) sources.Add(await DistinctPersonsAsync(datasetId, table, version, parts, unitColumn, cancellationToken));
        var mapping = await PermitMappingAsync(datasetId, permitId, tables, sources, cancellationToken);
        // The registry answers "who is excluded for this purpose now" itself (one query in the store).
        var excluded = await _consent.GetExcludedPersonsAsync(datasetId, purposeCode, runTime, cancellationToken);

        using var connection = new DuckDBConnection("Data Source=:memory:;threads=1");
        await connection.OpenAsync(cancellationToken);
        Execute(connection, "CREATE TABLE excluded (dataset_pseudonym VARCHAR NOT NULL)");
        using (var appender = connection.CreateAppender("excluded"))
        {
            foreach (var person in excluded) appender.CreateRow().AppendValue(person).EndRow();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var kept = $"SELECT m.dataset_pseudonym, m.participant_id, m.unit FROM read_parquet({DuckDbSql.Literal(mapping)}) AS m " +
                   "ANTI JOIN excluded AS x ON m.dataset_pseudonym = x.dataset_pseudonym";
        Execute(connection, $"COPY ({kept}) TO {DuckDbSql.Literal(path)} (FORMAT PARQUET)");
        using var counts = Query(connection,
            $"SELECT count(*) FILTER (WHERE x.dataset_pseudonym IS NULL), count(x.dataset_pseudonym) FROM read_parquet({DuckDbSql.Literal(mapping)}) AS m " +
            "LEFT JOIN excluded AS x ON m.dataset_pseudonym = x.dataset_pseudonym");
        await counts.ReadAsync(cancellationToken);
        return new PersonsFile(path, (int)counts.GetInt64(0), (int)counts.GetInt64(1));
    }

    /// <summary>
    /// Every person of the permit's table versions with their per-permit pseudonym and a person number (1, 2, … in
    /// dataset-pseudonym order), computed once per permit and set of versions and cached: the HMACs are the costly part.
    /// The cache links permit pseudonyms to dataset pseudonyms, so it stays on the host, outside anything mounted.
    /// </summary>
    private async Task<string> PermitMappingAsync(
        string datasetId,
        string permitId,
        IReadOnlyList<(string Table, string Version, IReadOnlyList<string> Parts)> tables,
        IReadOnlyList<string> sources,
        CancellationToken cancellationToken)
    {
        var identity = string.Join("\n", new[] { datasetId, permitId }.Concat(tables.Select(t => t.Table + "@" + t.Version).Order(StringComparer.Ordinal)));
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
        var file = Path.Combine(_cacheFolder, DataLayout.CheckDatasetId(datasetId), "permits", name + ".parquet");
        if (File.Exists(file)) return file;
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var pseudonymiser = await PermitPseudonymiser.CreateAsync(_keys, datasetId, permitId, cancellationToken);
        var temp = file + "." + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) + ".tmp";
        using (var connection = new DuckDBConnection("Data Source=:memory:;threads=1"))
        {
            await connection.OpenAsync(cancellationToken);
            Execute(connection, "CREATE TABLE persons (dataset_pseudonym VARCHAR NOT NULL, participant_id VARCHAR NOT NULL, unit INTEGER NOT NULL)");
            if (sources.Count > 0)
            {
                using var appender = connection.CreateAppender("persons");
                using var reader = Query(connection, $"SELECT DISTINCT dataset_pseudonym FROM read_parquet({DuckDbSql.List(sources)}) ORDER BY 1");
                var unit = 0;
                while (await reader.ReadAsync(cancellationToken))
                {
                    var person = reader.GetString(0);
                    appender.CreateRow().AppendValue(person).AppendValue(pseudonymiser.Derive(person)).AppendValue(++unit).EndRow();
                }
            }

            Execute(connection, $"COPY persons TO {DuckDbSql.Literal(temp)} (FORMAT PARQUET)");
        }

        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, file, overwrite: true);
        return file;
    }

    /// <summary>The table version's distinct persons, from the cache or computed (and cached: versions never change).</summary>
    private async Task<string> DistinctPersonsAsync(string datasetId, string table, string version, IReadOnlyList<string> parts, string unitColumn, CancellationToken cancellationToken)
    {
        var file = Path.Combine(_cacheFolder, DataLayout.CheckDatasetId(datasetId), Safe(table), Safe(version) + ".parquet");
        if (File.Exists(file)) return file;
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temp = file + "." + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) + ".tmp";
        using (var connection = new DuckDBConnection("Data Source=:memory:"))
        {
            await connection.OpenAsync(cancellationToken);
            Execute(connection, $"COPY (SELECT DISTINCT {DuckDbSql.Identifier(unitColumn)}::VARCHAR AS dataset_pseudonym FROM read_parquet({DuckDbSql.List(parts)}) " +
                                $"WHERE {DuckDbSql.Identifier(unitColumn)} IS NOT NULL) TO {DuckDbSql.Literal(temp)} (FORMAT PARQUET)");
        }

        File.Move(temp, file, overwrite: true);
        return file;
    }

    private static string Safe(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static DuckDBDataReader Query(DuckDBConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteReader();
    }
}
