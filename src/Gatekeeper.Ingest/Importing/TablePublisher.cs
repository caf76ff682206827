using System.Globalization;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using Gatekeeper.Ingest.Exchange;
using Gatekeeper.Ingest.Storage;
using static Gatekeeper.Ingest.Storage.DuckDbCommands;

namespace Gatekeeper.Ingest.Importing;

/// <summary>
/// Turns the staged integer columns of one file into a new version of its analysis table through DuckDB: codes become
/// strings again, a resend with a later update_time supersedes the earlier row (within the file and against the
/// published parts), and the result is written as snappy Parquet. Unchanged parts are linked, not copied.
/// </summary>
internal sealed class TablePublisher
{
    private readonly AnalysisStore _store;

    public TablePublisher(AnalysisStore store)
    {
        _store = store;
    }

    public async Task<PublishResult> PublishAsync(
        ParsePlan plan,
        string datasetId,
        string importId,
        string sha256,
        IReadOnlyList<string> stagingFiles,
        long acceptedRows,
        string workFolder,
        int threads,
        string memoryLimit,
        bool failBeforePublish,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var schema = plan.Schema;
        using var connection = new DuckDBConnection("Data Source=:memory:");
        await connection.OpenAsync(cancellationToken);
        var spill = Path.Combine(workFolder, "duckdb-spill");
        Directory.CreateDirectory(spill);
        await ExecuteAsync(connection, $"SET threads TO {Math.Max(1, threads)}; SET memory_limit = {DuckDbSql.Literal(memoryLimit)}; " +
                                       $"SET temp_directory = {DuckDbSql.Literal(spill)}; SET preserve_insertion_order = false;", cancellationToken);

        LoadDictionaries(connection, plan);
        await ExecuteAsync(connection, $"CREATE TEMP VIEW staged AS SELECT * FROM read_parquet({DuckDbSql.List(stagingFiles)})", cancellationToken);

        // Repeated observations are found on the staged integers (codes are shared by all parser threads), so the
        // common case of none costs one grouping and no string is touched. Within the file the latest update_time
        // wins; of equal ones, the first row in the file.
        var keys = schema.KeyColumns.Select(DuckDbSql.Identifier).ToArray();
        var keyList = string.Join(", ", keys);
        var keyMatch = string.Join(" AND ", keys.Select(k => $"s.{k} = d.{k}"));
        await ExecuteAsync(connection, $"CREATE TEMP TABLE duplicate_keys AS SELECT {keyList} FROM staged GROUP BY {keyList} HAVING count(*) > 1", cancellationToken);
        var superseded = 0L;
        var losers = "";
        if (await ScalarAsync(connection, "SELECT count(*) FROM duplicate_keys", cancellationToken) > 0)
        {
            await ExecuteAsync(connection,
                $"CREATE TEMP TABLE losers AS SELECT s._row FROM staged s SEMI JOIN duplicate_keys d ON {keyMatch} " +
                $"QUALIFY row_number() OVER (PARTITION BY {string.Join(", ", keys.Select(k => "s." + k))} ORDER BY s.{DuckDbSql.Identifier(schema.UpdateTimeColumn)} DESC, s._row) > 1",
                cancellationToken);
            superseded = await ScalarAsync(connection, "SELECT count(*) FROM losers", cancellationToken);
            losers = " ANTI JOIN losers l ON s._row = l._row";
        }

        var existingParts = _store.CurrentParts(datasetId, schema.Table);
        var previous = await _store.ReadCatalogueAsync(datasetId, schema.Table, cancellationToken);

        // Person numbers: a new table gets them; a table published without them (before they existed) stays without, so
        // every part of a version has the same columns.
        var personField = Array.FindIndex(plan.Fields, f => f.Stored && f.Transform == FieldTransform.PseudonymisePerson);
        var numbered = personField >= 0 && plan.Shared[personField] is not null && (existingParts.Count == 0 || previous?.PersonNumberColumn == PersonRegistry.Column);
        var registryFile = _store.Layout.PersonRegistryFile(datasetId);
        var stagedRegistry = Path.Combine(workFolder, "person-registry.parquet");
        var newPersons = 0L;
        if (numbered)
        {
            var dictionary = DictionaryTable(plan.Fields[personField]) + "_text";
            newPersons = await PersonRegistry.ExtendAsync(connection, registryFile, $"SELECT value FROM {dictionary}", cancellationToken);
            await ExecuteAsync(connection, $"CREATE TEMP TABLE person_codes AS SELECT d.code, r.person FROM {dictionary} d JOIN registry r ON r.pseudonym = d.value", cancellationToken);
            if (newPersons > 0) await PersonRegistry.WriteAsync(connection, stagedRegistry, cancellationToken);
        }

        await ExecuteAsync(connection, "CREATE TEMP VIEW latest AS " + IncomingSql(plan, losers, numbered ? personField : -1), cancellationToken);
        const string latest = "latest";
        var latestRows = acceptedRows - superseded;
        var columns = string.Join(", ", schema.StoredFields.Select(f => "i." + DuckDbSql.Identifier(f.Name)).Concat(numbered ? ["i." + PersonRegistry.Column] : []));
        // Incoming string values may be ENUMs (see EnumMaxValues); published parts read back as VARCHAR.
        var on = string.Join(" AND ", schema.KeyColumns.Select(k => (Name: DuckDbSql.Identifier(k), Text: schema.Fields.First(f => f.Name == k).IsStringValued))
            .Select(k => k.Text ? $"e.{k.Name} = CAST(i.{k.Name} AS VARCHAR)" : $"e.{k.Name} = i.{k.Name}"));
        var build = _store.CreateBuildFolder(datasetId, schema.Table, importId);
        try
        {
            var newPart = Path.Combine(build, $"part-{importId}.parquet");
            var linked = new List<string>();
            long replaced = 0;
            long published;
            var overlap = 0L;
            if (existingParts.Count > 0)
            {
                await ExecuteAsync(connection,
                    $"CREATE TEMP TABLE existing_keys AS SELECT {string.Join(", ", keys.Select(k => "e." + k))}, e.update_time, e.filename " +
                    $"FROM read_parquet({DuckDbSql.List(existingParts)}, filename = true) e SEMI JOIN {latest} i ON {on}", cancellationToken);
                overlap = await ScalarAsync(connection, "SELECT count(*) FROM existing_keys", cancellationToken);
            }

            if (overlap == 0)
            {
                published = await CopyAsync(connection, $"SELECT {columns} FROM {latest} i", newPart, cancellationToken);
                linked.AddRange(existingParts);
            }
            else
            {
                // Against the table: an incoming row applies only if it is newer than the published one it meets,
                // and a published row survives only if no incoming row is newer.
                published = await CopyAsync(connection,
                    $"SELECT {columns} FROM {latest} i ANTI JOIN existing_keys e ON {on} AND e.update_time >= i.update_time", newPart, cancellationToken);
                superseded += latestRows - published;
                var affected = await StringsAsync(connection,
                    $"SELECT DISTINCT e.filename FROM existing_keys e JOIN {latest} i ON {on} AND i.update_time > e.update_time", cancellationToken);
                var rewrite = 0;
                foreach (var part in existingParts)
                {
                    if (!affected.Contains(part))
                    {
                        linked.Add(part);
                        continue;
                    }

                    var target = Path.Combine(build, $"part-{importId}-r{rewrite++}.parquet");
                    var before = await ScalarAsync(connection, $"SELECT count(*) FROM read_parquet({DuckDbSql.Literal(part)})", cancellationToken);
                    var kept = await CopyAsync(connection,
                        $"SELECT e.* FROM read_parquet({DuckDbSql.Literal(part)}) e ANTI JOIN {latest} i ON {on} AND i.update_time > e.update_time", target, cancellationToken);
                    replaced += before - kept;
                }
            }

            if (published == 0 && replaced == 0)
            {
                Directory.Delete(build, recursive: true);
                return new PublishResult(0, superseded, 0, null, existingParts.Count == 0 ? 0 : await ScalarAsync(connection, $"SELECT count(*) FROM read_parquet({DuckDbSql.List(existingParts)})", cancellationToken));
            }

            foreach (var part in linked) PosixFileSystem.LinkOrCopy(part, Path.Combine(build, Path.GetFileName(part)));
            var parts = Directory.GetFiles(build, AnalysisStore.PartPattern).Order(StringComparer.Ordinal).ToList();
            var tableRows = await ScalarAsync(connection, $"SELECT count(*) FROM read_parquet({DuckDbSql.List(parts)})", cancellationToken);
            var version = $"v{now.UtcDateTime:yyyyMMddHHmmssfff}-{importId}";
            var entry = new TableCatalogueEntry
            {
                DatasetId = datasetId,
                Table = schema.Table,
                Version = version,
                RowCount = tableRows,
                Variables = CatalogueVariables.For(schema, plan.Coarsening),
                Parts = [.. parts.Select(Path.GetFileName).OfType<string>()],
                Imports = [.. previous?.Imports ?? [], sha256],
                CoarseningPolicySha256 = plan.Coarsening.Sha256,
                SystemColumns = numbered ? ["update_time", PersonRegistry.Column] : ["update_time"],
                PersonNumberColumn = numbered ? PersonRegistry.Column : null,
                PublishedAt = now,
            };
            await File.WriteAllTextAsync(Path.Combine(build, AnalysisStore.CatalogueFile), JsonSerializer.Serialize(entry, IngestJson.Indented), cancellationToken);
            if (failBeforePublish) throw new InjectedFaultException(published);
            // The registry first: a crash between the two leaves numbers no part uses yet, never a part whose number is unknown.
            if (newPersons > 0) PersonRegistry.Publish(stagedRegistry, registryFile);
            _store.Publish(datasetId, schema.Table, build, version);
            return new PublishResult(published, superseded, replaced, version, tableRows);
        }
        catch
        {
            if (Directory.Exists(build)) Directory.Delete(build, recursive: true);
            throw;
        }
    }

    /// <summary>SELECT over the staging files that restores each stored field's type and value.</summary>
    private static string IncomingSql(ParsePlan plan, string antiJoin, int personField)
    {
        var select = new StringBuilder("SELECT ");
        var joins = new StringBuilder();
        for (var i = 0; i < plan.Fields.Length; i++)
        {
            var field = plan.Fields[i];
            if (!field.Stored) continue;
            var name = DuckDbSql.Identifier(field.Name);
            // Staged empties are the sentinel minimum value (see StagingWriter).
            var raw = field.Required ? $"s.{name}" : $"NULLIF(s.{name}, {(field.Kind is FieldKind.DateTime14 or FieldKind.DateTime17 ? "-9223372036854775808" : "-2147483648")})";
            var expression = field.Kind switch
            {
                _ when field.IsStringValued => $"d{i}.value",
                FieldKind.Integer => raw,
                FieldKind.Decimal => string.Create(CultureInfo.InvariantCulture,
                    $"CAST({raw} / {Math.Pow(10, field.FractionDigits):0}.0 AS DECIMAL({field.MaxLength + field.FractionDigits}, {field.FractionDigits}))"),
                FieldKind.Date8 => $"CAST(DATE '1970-01-01' + {raw} AS DATE)",
                _ => $"make_timestamp({raw})",
            };
            select.Append(expression).Append(" AS ").Append(name).Append(", ");
            if (field.IsStringValued) joins.Append($" LEFT JOIN {DictionaryTable(field)} d{i} ON d{i}.code = s.{name}");
            if (i == personField)
            {
                select.Append("pn.person AS ").Append(PersonRegistry.Column).Append(", ");
                joins.Append($" LEFT JOIN person_codes pn ON pn.code = s.{name}");
            }
        }

        select.Append("s._row FROM staged s").Append(antiJoin).Append(joins);
        return select.ToString();
    }

    /// <summary>
    /// A dictionary of at most this many values is typed as a DuckDB ENUM: its Parquet writer then emits the codes and the
    /// dictionary page as they are instead of hashing every string of the column (about 0.2 µs per row of an activity file).
    /// An ENUM column's dictionary page holds all of its values in every row group, so large dictionaries (a programme's
    /// participants when there are tens of thousands) stay VARCHAR: their pages would outweigh the row groups' data.
    /// Both read back as VARCHAR.
    /// </summary>
    internal const int EnumMaxValues = 8192;

    private static void LoadDictionaries(DuckDBConnection connection, ParsePlan plan)
    {
        for (var i = 0; i < plan.Fields.Length; i++)
        {
            var field = plan.Fields[i];
            if (!field.Stored || plan.Shared[i] is not { } shared) continue;
            var table = DictionaryTable(field);
            var text = table + "_text";
            using (var command = connection.CreateCommand())
            {
                command.CommandText = $"CREATE TABLE {text} (code INTEGER PRIMARY KEY, value VARCHAR)";
                command.ExecuteNonQuery();
            }

            using (var appender = connection.CreateAppender(text))
            {
                foreach (var (value, code) in shared.Entries) appender.CreateRow().AppendValue(code).AppendValue(value).EndRow();
            }

            using var typed = connection.CreateCommand();
            typed.CommandText = shared.Count is > 0 and <= EnumMaxValues
                ? $"CREATE TYPE {table}_enum AS ENUM (SELECT value FROM {text} ORDER BY code); CREATE TABLE {table} AS SELECT code, CAST(value AS {table}_enum) AS value FROM {text}"
                : $"CREATE VIEW {table} AS SELECT code, value FROM {text}";
            typed.ExecuteNonQuery();
        }
    }

    private static string DictionaryTable(FieldSpec field) => "dict_" + field.Name;

    private static async Task<long> CopyAsync(DuckDBConnection connection, string select, string path, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, $"COPY ({select}) TO {DuckDbSql.Literal(path)} (FORMAT PARQUET, COMPRESSION snappy, ROW_GROUP_SIZE 122880)", cancellationToken);
        var rows = await ScalarAsync(connection, $"SELECT count(*) FROM read_parquet({DuckDbSql.Literal(path)})", cancellationToken);
        if (rows == 0) File.Delete(path);
        return rows;
    }

    private static async Task<HashSet<string>> StringsAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken)) result.Add(reader.GetString(0));
        return result;
    }
}
