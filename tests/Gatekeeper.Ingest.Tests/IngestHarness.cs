using System.Text;
using DuckDB.NET.Data;
using Gatekeeper.Ingest.Consent;
using Gatekeeper.Ingest.Importing;
using Gatekeeper.Ingest.Pseudonymisation;
using Gatekeeper.Ingest.Storage;

namespace Gatekeeper.Ingest.Tests;

/// <summary>A fresh data folder with the embedded-default importer, and DuckDB queries over what it published.</summary>
public sealed class IngestHarness : IDisposable
{
    public IngestHarness()
    {
        Root = Path.Combine(Path.GetTempPath(), "gk-ingest-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "in"));
        Layout = new DataLayout(Path.Combine(Root, "data"));
        Keys = new FileKeyProvider(Layout);
        Log = new FileImportLog(Layout);
        Consent = new FileConsentRegistry(Layout);
        Importer = new ExchangeImporter(Layout, Keys, Log, Consent, Coarsening, RepositoryFiles.PurposeCodes);
    }

    public static CoarseningPolicy Coarsening { get; } = CoarseningPolicyLoader.Load(RepositoryFiles.CoarseningPolicy);

    public string Root { get; }

    public DataLayout Layout { get; }

    public FileKeyProvider Keys { get; }

    public FileImportLog Log { get; }

    public FileConsentRegistry Consent { get; }

    public ExchangeImporter Importer { get; }

    public AnalysisStore Store => Importer.Store;

    public string Write(string fileName, string content, Encoding? encoding = null)
    {
        var path = Path.Combine(Root, "in", fileName);
        File.WriteAllBytes(path, (encoding ?? new UTF8Encoding(false)).GetBytes(content));
        return path;
    }

    public Task<ImportResult> ImportAsync(string fileName, string content, IngestOptions? options = null, string dataset = "dpp") =>
        Importer.ImportAsync(dataset, Write(fileName, content), options);

    public async Task<Pseudonymiser> PseudonymiserAsync(string dataset = "dpp") => await Pseudonymiser.CreateAsync(Keys, dataset);

    /// <summary>Rows of a query, with <c>{table}</c> names replaced by read_parquet over the table's current parts.</summary>
    public List<object?[]> Query(string sql, string dataset = "dpp")
    {
        foreach (var table in Gatekeeper.Ingest.Exchange.ExchangeFormat.AnalysisTables.Select(s => s.Table))
        {
            sql = sql.Replace("{" + table + "}", $"read_parquet({DuckDbSql.Literal(Store.PartsGlob(dataset, table))})", StringComparison.Ordinal);
        }

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
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

    public long Count(string table, string dataset = "dpp") =>
        Store.CurrentParts(dataset, table).Count == 0 ? 0 : Convert.ToInt64(Query($"SELECT count(*) FROM {{{table}}}", dataset)[0][0], System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
