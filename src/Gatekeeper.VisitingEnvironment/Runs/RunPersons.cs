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
/// (<see cref="PermitPseudonymiser"/>, derived here on the host, so no key ever enters the sandbox), a unit number for
/// the shadow statistics and the dataset's person number (<see cref="PersonRegistry"/>) the permit views join on. The
/// distinct persons of each table version, and each permit's pseudonyms for a set of versions, are computed once and
/// cached; a run asks the consent registry who is excluded now and uses the cached list filtered by exactly that set
/// (computed once per consent state).
/// </summary>
public sealed class RunPersons
{
    private readonly string _cacheFolder;
    private readonly DataLayout _layout;
    private readonly IConsentRegistry _consent;
    private readonly IKeyProvider _keys;

    public RunPersons(string cacheFolder, DataLayout layout, IConsentRegistry consent, IKeyProvider keys)
    {
        _cacheFolder = cacheFolder;
        _layout = layout;
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
        // The registry answers "who is excluded for this purpose now" itself (one query in the store), for every run.
        var excluded = await _consent.GetExcludedPersonsAsync(datasetId, purposeCode, runTime, cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        for (var attempt = 1; ; attempt++)
        {
            var filtered = await FilteredAsync(mapping, excluded, cancellationToken);
            try
            {
                File.Copy(filtered.Path, path, overwrite: true);
                return filtered with { Path = path };
            }
            catch (FileNotFoundException) when (attempt < 3)
            {
                // Pruned by a concurrent run between the check and the copy: filter again.
            }
        }
    }

    /// <summary>
    /// The mapping without the excluded persons, cached by the mapping and the exact set excluded (its SHA-256): runs
    /// under the same consent state share one file, and any change of consent gives a new one. The newest few per
    /// mapping are kept.
    /// </summary>
    private static async Task<PersonsFile> FilteredAsync(string mapping, IReadOnlySet<string> excluded, CancellationToken cancellationToken)
    {
        var state = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", excluded.Order(StringComparer.Ordinal)))));
        var stem = Path.Combine(Path.GetDirectoryName(mapping)!, Path.GetFileNameWithoutExtension(mapping) + ".consent-" + state[..32]);
        var file = stem + ".parquet";
        var counts = stem + ".counts";
        if (File.Exists(file) && File.Exists(counts) && ReadCounts(counts) is var (included, left))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow);
            return new PersonsFile(file, included, left);
        }

        var temp = file + "." + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) + ".tmp";
        PersonsFile result;
        using (var connection = new DuckDBConnection("Data Source=:memory:;threads=1"))
        {
            await connection.OpenAsync(cancellationToken);
            Execute(connection, "CREATE TABLE excluded (dataset_pseudonym VARCHAR NOT NULL)");
            using (var appender = connection.CreateAppender("excluded"))
            {
                foreach (var person in excluded) appender.CreateRow().AppendValue(person).EndRow();
            }

            var kept = $"SELECT m.dataset_pseudonym, m.participant_id, m.unit, m.person FROM read_parquet({DuckDbSql.Literal(mapping)}) AS m " +
                       "ANTI JOIN excluded AS x ON m.dataset_pseudonym = x.dataset_pseudonym";
            var keptRows = Execute(connection, $"COPY ({kept}) TO {DuckDbSql.Literal(temp)} (FORMAT PARQUET)");
            using var reader = Query(connection, $"SELECT count(*) FROM read_parquet({DuckDbSql.Literal(mapping)})");
            await reader.ReadAsync(cancellationToken);
            result = new PersonsFile(file, keptRows, (int)reader.GetInt64(0) - keptRows);
        }

        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        // The counts first: a persons file is only used when its counts are there.
        await File.WriteAllTextAsync(counts, string.Create(CultureInfo.InvariantCulture, $"{result.Included} {result.Excluded}"), cancellationToken);
        File.Move(temp, file, overwrite: true);
        RemoveOldStates(mapping, keep: 3);
        return result;
    }

    private static (int Included, int Excluded)? ReadCounts(string file)
    {
        var parts = File.ReadAllText(file).Split(' ');
        return parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var included) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var excluded)
            ? (included, excluded)
            : null;
    }

    /// <summary>Removes all but the newest filtered files of a mapping (consent changes would otherwise pile them up).</summary>
    private static void RemoveOldStates(string mapping, int keep)
    {
        var folder = Path.GetDirectoryName(mapping)!;
        var old = Directory.GetFiles(folder, Path.GetFileNameWithoutExtension(mapping) + ".consent-*.parquet")
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .Skip(keep);
        foreach (var file in old)
        {
            try
            {
                File.Delete(Path.ChangeExtension(file, ".counts"));
                File.Delete(file);
            }
            catch (IOException)
            {
                // Being copied by a concurrent run: the next run removes it.
            }
        }
    }

    /// <summary>
    /// Every person of the permit's table versions with their per-permit pseudonym, a unit number (1, 2, … in
    /// dataset-pseudonym order) and their person number in the dataset's registry (null if a table version predates it),
    /// computed once per permit and set of versions and cached: the HMACs are the costly part. A version's persons are in
    /// the registry before the version is published, and their numbers never change, so the cache stays right.
    /// The cache links permit pseudonyms to dataset pseudonyms, so it stays on the host, outside anything mounted.
    /// </summary>
    private async Task<string> PermitMappingAsync(
        string datasetId,
        string permitId,
        IReadOnlyList<(string Table, string Version, IReadOnlyList<string> Parts)> tables,
        IReadOnlyList<string> sources,
        CancellationToken cancellationToken)
    {
        var identity = string.Join("\n", new[] { "persons-v2", datasetId, permitId }.Concat(tables.Select(t => t.Table + "@" + t.Version).Order(StringComparer.Ordinal)));
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
        var file = Path.Combine(_cacheFolder, DataLayout.CheckDatasetId(datasetId), "permits", name + ".parquet");
        if (File.Exists(file)) return file;
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var pseudonymiser = await PermitPseudonymiser.CreateAsync(_keys, datasetId, permitId, cancellationToken);
        var temp = file + "." + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) + ".tmp";
        using (var connection = new DuckDBConnection("Data Source=:memory:;threads=1"))
        {
            await connection.OpenAsync(cancellationToken);
            Execute(connection, "CREATE TABLE persons (dataset_pseudonym VARCHAR NOT NULL, participant_id VARCHAR NOT NULL, unit INTEGER NOT NULL, person INTEGER)");
            if (sources.Count > 0)
            {
                var registry = _layout.PersonRegistryFile(datasetId);
                var distinct = $"SELECT DISTINCT dataset_pseudonym FROM read_parquet({DuckDbSql.List(sources)})";
                var numbered = File.Exists(registry)
                    ? $"SELECT d.dataset_pseudonym, r.person::INTEGER FROM ({distinct}) AS d LEFT JOIN read_parquet({DuckDbSql.Literal(registry)}) AS r ON r.pseudonym = d.dataset_pseudonym ORDER BY 1"
                    : $"SELECT dataset_pseudonym, NULL::INTEGER FROM ({distinct}) ORDER BY 1";
                using var appender = connection.CreateAppender("persons");
                using var reader = Query(connection, numbered);
                var unit = 0;
                while (await reader.ReadAsync(cancellationToken))
                {
                    var person = reader.GetString(0);
                    var row = appender.CreateRow().AppendValue(person).AppendValue(pseudonymiser.Derive(person)).AppendValue(++unit);
                    (reader.IsDBNull(1) ? row.AppendNullValue() : row.AppendValue(reader.GetInt32(1))).EndRow();
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

    /// <summary>Runs a statement; returns the rows it wrote (COPY) or changed.</summary>
    private static int Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    private static DuckDBDataReader Query(DuckDBConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteReader();
    }
}
