using DuckDB.NET.Data;
using Gatekeeper.Ingest.Storage;

namespace Gatekeeper.Ingest.Consent;

/// <summary>
/// Applies the consent filter inside the visiting environment's DuckDB: for a run, write <c>excluded_persons.parquet</c>
/// (one column, participant_id, holding pseudonyms) and define each table's view as an anti-join against it, so a
/// person who opted out or refused the permit's purpose at run time is in no row the run can see.
/// </summary>
public static class ConsentViews
{
    public const string ExcludedColumn = "participant_id";

    public static async Task<ConsentFilterResult> WriteExcludedPersonsAsync(
        IConsentRegistry registry, string datasetId, string purposeCode, DateTimeOffset runTime, string parquetPath, CancellationToken cancellationToken = default)
    {
        var excluded = ConsentFilter.ExcludedPersons(await registry.GetEventsAsync(datasetId, cancellationToken), purposeCode, runTime);
        await WriteAsync(excluded, parquetPath, cancellationToken);
        return new ConsentFilterResult(Path.GetFullPath(parquetPath), datasetId, purposeCode, runTime, excluded.Count);
    }

    public static async Task WriteAsync(IEnumerable<string> pseudonyms, string parquetPath, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(parquetPath))!);
        using var connection = new DuckDBConnection("Data Source=:memory:");
        await connection.OpenAsync(cancellationToken);
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = $"CREATE TABLE excluded ({ExcludedColumn} VARCHAR NOT NULL)";
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        using (var appender = connection.CreateAppender("excluded"))
        {
            foreach (var pseudonym in pseudonyms.Order(StringComparer.Ordinal)) appender.CreateRow().AppendValue(pseudonym).EndRow();
        }

        var temp = parquetPath + ".tmp";
        await using (var copy = connection.CreateCommand())
        {
            copy.CommandText = $"COPY excluded TO {DuckDbSql.Literal(temp)} (FORMAT PARQUET)";
            await copy.ExecuteNonQueryAsync(cancellationToken);
        }

        File.Move(temp, parquetPath, overwrite: true);
    }

    /// <summary>
    /// <c>CREATE OR REPLACE VIEW name AS SELECT cols FROM read_parquet(glob) t ANTI JOIN read_parquet(excluded) x ON …</c>.
    /// <paramref name="columns"/> limits the view to a permit's variables; null keeps every column.
    /// </summary>
    public static string CreateViewSql(string viewName, string partsGlob, string excludedPersonsPath, IReadOnlyList<string>? columns = null)
    {
        var select = columns is null || columns.Count == 0 ? "t.*" : string.Join(", ", columns.Select(c => "t." + DuckDbSql.Identifier(c)));
        return $"CREATE OR REPLACE VIEW {DuckDbSql.Identifier(viewName)} AS SELECT {select} " +
               $"FROM read_parquet({DuckDbSql.Literal(partsGlob)}) AS t " +
               $"ANTI JOIN read_parquet({DuckDbSql.Literal(excludedPersonsPath)}) AS x ON t.{ExcludedColumn} = x.{ExcludedColumn}";
    }

    /// <summary>Views for every published table of a dataset, named after the tables.</summary>
    public static IReadOnlyList<string> CreateViewsSql(AnalysisStore store, string datasetId, string excludedPersonsPath) =>
        [.. store.Tables(datasetId).Select(t => CreateViewSql(t, store.PartsGlob(datasetId, t), excludedPersonsPath))];
}
