using System.Text;
using Gatekeeper.Ingest.Consent;
using Gatekeeper.Ingest.Exchange;
using Gatekeeper.Ingest.Pseudonymisation;
using Gatekeeper.Ingest.Storage;
using Gatekeeper.Ingest.Validation;

namespace Gatekeeper.Ingest.Importing;

/// <summary>
/// Imports a holder's exchange-format CSV file into a dataset: detect the encoding and the record type from the
/// header, validate every row, pseudonymise and coarsen, write a report, refuse the whole file above the error rate,
/// and otherwise publish the accepted rows atomically as a new version of the analysis table (or add consent
/// decisions to the registry). The same file twice (same SHA-256) changes nothing.
/// </summary>
public sealed class ExchangeImporter
{
    private readonly DataLayout _layout;
    private readonly IKeyProvider _keys;
    private readonly IImportLog _log;
    private readonly IConsentRegistry _consent;
    private readonly CoarseningPolicy _coarsening;
    private readonly IReadOnlySet<string> _purposeCodes;
    private readonly TimeProvider _time;
    private readonly AnalysisStore _store;

    public ExchangeImporter(
        DataLayout layout,
        IKeyProvider keys,
        IImportLog log,
        IConsentRegistry consent,
        CoarseningPolicy coarsening,
        IReadOnlySet<string> purposeCodes,
        TimeProvider? time = null)
    {
        _layout = layout;
        _keys = keys;
        _log = log;
        _consent = consent;
        _coarsening = coarsening;
        _purposeCodes = purposeCodes;
        _time = time ?? TimeProvider.System;
        _store = new AnalysisStore(layout);
    }

    /// <summary>The embedded default: key files, import log and consent registry in the data folder.</summary>
    public static ExchangeImporter CreateDefault(string dataFolder, CoarseningPolicy coarsening, IReadOnlySet<string> purposeCodes, TimeProvider? time = null)
    {
        var layout = new DataLayout(dataFolder);
        return new ExchangeImporter(layout, new FileKeyProvider(layout), new FileImportLog(layout), new FileConsentRegistry(layout), coarsening, purposeCodes, time);
    }

    public AnalysisStore Store => _store;

    /// <summary>Staging and build folders this old belong to an import that died; the longest real import takes minutes.</summary>
    public static TimeSpan AbandonedAfter { get; } = TimeSpan.FromHours(24);

    public async Task<ImportResult> ImportAsync(string datasetId, string filePath, IngestOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= IngestOptions.Default;
        if (options.Validate() is { } problem) throw new ArgumentException(problem, nameof(options));
        DataLayout.CheckDatasetId(datasetId);
        if (!File.Exists(filePath)) throw new FileNotFoundException("File to import not found.", filePath);

        var started = _time.GetUtcNow();
        _store.RemoveAbandoned(AbandonedAfter, started);
        var importId = Guid.CreateVersion7().ToString("N");
        var fileName = options.DisplayName ?? Path.GetFileName(filePath);
        var sha256 = await FileHash.Sha256Async(filePath, cancellationToken);
        var record = new ImportRecord
        {
            ImportId = importId, DatasetId = datasetId, FileName = fileName, Sha256 = sha256, Outcome = ImportOutcome.Failed,
            MaxErrorRate = options.MaxErrorRate, StartedAt = started, FinishedAt = started, CoarseningPolicySha256 = _coarsening.Sha256,
            ImportedBy = options.ImportedBy,
        };

        if (await _log.FindCommittedAsync(datasetId, sha256, cancellationToken) is { } earlier)
        {
            return await AlreadyImportedAsync(record, earlier, filePath, options, cancellationToken);
        }

        var staging = _layout.StagingFolder(importId);
        Directory.CreateDirectory(staging);
        try
        {
            var encoding = options.Encoding == InputEncoding.Auto ? await TextEncodings.DetectAsync(filePath, cancellationToken) : options.Encoding;
            record = record with { Encoding = TextEncodings.Name(encoding) };
            var utf8Path = filePath;
            if (encoding == InputEncoding.ShiftJis)
            {
                utf8Path = Path.Combine(staging, "utf8.csv");
                await TranscodeAsync(filePath, utf8Path, cancellationToken);
            }

            var (header, dataStart) = HeaderReader.Read(utf8Path);
            var schema = ExchangeFormat.Detect(header);
            if (schema is null) return await RefuseHeaderAsync(record, header, cancellationToken);
            if (options.ExpectedTable is { } expected && expected != schema.Table) return await RefuseKindAsync(record, header, schema, expected, cancellationToken);
            record = record with { Table = schema.Table };
            var pseudonymiser = await Pseudonymiser.CreateAsync(_keys, datasetId, cancellationToken);
            return schema.Kind == ExchangeRecordKind.Consent
                ? await ImportConsentAsync(record, utf8Path, header, pseudonymiser, filePath, options, cancellationToken)
                : await ImportTableAsync(record, schema, utf8Path, header, dataStart, pseudonymiser, staging, filePath, options, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Nothing was published (publishing is the last, atomic step); say so in the history and to the caller.
            await _log.AppendAsync(record with { Outcome = ImportOutcome.Failed, FinishedAt = _time.GetUtcNow(), Message = ex.Message }, CancellationToken.None);
            throw;
        }
        finally
        {
            TryDelete(staging);
        }
    }

    private async Task<ImportResult> ImportTableAsync(
        ImportRecord record, RecordSchema schema, string utf8Path, IReadOnlyList<string> header, long dataStart, Pseudonymiser pseudonymiser,
        string staging, string originalPath, IngestOptions options, CancellationToken cancellationToken)
    {
        var plan = new ParsePlan(schema, header, pseudonymiser, _coarsening) { FailAfterRows = options.FailAfterRows };
        var threads = options.MaxParallelism ?? Environment.ProcessorCount;
        var ranges = ChunkPlanner.Plan(utf8Path, dataStart, threads);
        var writers = new List<StagingWriter>();
        var sinks = new List<ErrorSink>();
        var chunks = new List<ChunkParser>();
        try
        {
            for (var k = 0; k < ranges.Count; k++)
            {
                var writer = new StagingWriter(Path.Combine(staging, $"chunk-{k}.parquet"), plan.IntColumns, plan.LongColumns, ChunkParser.RowGroupRows);
                writers.Add(writer);
                var sink = new ErrorSink(Path.Combine(staging, $"errors-{k}.bin"));
                sinks.Add(sink);
                chunks.Add(new ChunkParser(plan, k, utf8Path, ranges[k].Start, ranges[k].End, writer, sink));
            }

            await Task.WhenAll(chunks.Select(c => Task.Run(() => c.RunAsync(cancellationToken), cancellationToken)));
            foreach (var writer in writers) await writer.DisposeAsync();
            writers.Clear();

            var rows = chunks.Sum(c => c.Rows);
            var rejected = chunks.Sum(c => c.Rejected);
            record = record with { Rows = rows, RejectedRows = rejected, ErrorRate = rows == 0 ? 0 : (double)rejected / rows };
            var reason = record.ErrorRate > options.MaxErrorRate ? $"{rejected} of {rows} rows ({record.ErrorRate:P2}) broke rules; the limit is {options.MaxErrorRate:P2}."
                : null;
            var report = await ValidationReportWriter.WriteAsync(_layout.ReportsFolder(record.DatasetId), Summary(record, reason), Errors(plan, chunks, sinks, record.FileName), cancellationToken);
            record = record with { ReportCsv = report.CsvPath, ReportJson = report.JsonPath };
            if (reason is not null) return await FinishAsync(record with { Outcome = ImportOutcome.Refused, Message = reason }, report, cancellationToken);

            await using var datasetLock = await DatasetLock.AcquireAsync(_layout.LockFile(record.DatasetId), cancellationToken);
            // Checked again under the lock: the same file may have been committed meanwhile by another process.
            if (await _log.FindCommittedAsync(record.DatasetId, record.Sha256, cancellationToken) is { } earlier)
            {
                return await AlreadyImportedAsync(record, earlier, originalPath, options, cancellationToken);
            }

            var published = await new TablePublisher(_store).PublishAsync(
                plan, record.DatasetId, record.ImportId, record.Sha256, [.. chunks.Select((_, k) => Path.Combine(staging, $"chunk-{k}.parquet"))],
                rows - rejected, staging, threads, options.DuckDbMemoryLimit, options.FailBeforePublish, _time.GetUtcNow(), cancellationToken);
            record = record with
            {
                Outcome = ImportOutcome.Committed,
                PublishedRows = published.PublishedRows,
                SupersededRows = published.SupersededRows,
                ReplacedRows = published.ReplacedRows,
                Version = published.Version,
                Message = $"{published.PublishedRows} rows published; table {schema.Table} now has {published.TableRows} rows.",
            };
            var result = await FinishAsync(record, report, cancellationToken);
            return result with { RawVaultPath = await DisposeRawAsync(record, originalPath, options, cancellationToken) };
        }
        finally
        {
            foreach (var writer in writers) await writer.DisposeAsync();
            foreach (var sink in sinks) sink.Dispose();
        }
    }

    private async Task<ImportResult> ImportConsentAsync(
        ImportRecord record, string utf8Path, IReadOnlyList<string> header, Pseudonymiser pseudonymiser, string originalPath, IngestOptions options, CancellationToken cancellationToken)
    {
        var reader = new ConsentCsvImport(_purposeCodes, pseudonymiser);
        await reader.ReadAsync(utf8Path, header, record.FileName, "import:" + record.ImportId, cancellationToken);
        record = record with { Rows = reader.Rows, RejectedRows = reader.Rejected, ErrorRate = reader.Rows == 0 ? 0 : (double)reader.Rejected / reader.Rows };
        var reason = record.ErrorRate > options.MaxErrorRate ? $"{reader.Rejected} of {reader.Rows} rows ({record.ErrorRate:P2}) broke rules; the limit is {options.MaxErrorRate:P2}."
            : null;
        var report = await ValidationReportWriter.WriteAsync(_layout.ReportsFolder(record.DatasetId), Summary(record, reason), reader.Errors, cancellationToken);
        record = record with { ReportCsv = report.CsvPath, ReportJson = report.JsonPath };
        if (reason is not null) return await FinishAsync(record with { Outcome = ImportOutcome.Refused, Message = reason }, report, cancellationToken);

        var added = await _consent.AddAsync(record.DatasetId, reader.Events, cancellationToken);
        record = record with
        {
            Outcome = ImportOutcome.Committed,
            PublishedRows = added,
            SupersededRows = reader.Events.Count - added,
            Message = $"{added} consent decisions added to the registry.",
        };
        var result = await FinishAsync(record, report, cancellationToken);
        return result with { RawVaultPath = await DisposeRawAsync(record, originalPath, options, cancellationToken) };
    }

    private async Task<ImportResult> RefuseHeaderAsync(ImportRecord record, IReadOnlyList<string> header, CancellationToken cancellationToken)
    {
        var best = ExchangeFormat.All.MaxBy(s => header.Count(h => s.Find(h) is not null))!;
        var unknown = header.Where(h => best.Find(h) is null).ToList();
        var missing = best.Fields.Where(f => f.Required && !header.Contains(f.Name)).Select(f => f.Name).ToList();
        var message = header.Count == 0
            ? "The file has no header row."
            : $"The header matches no record type of the exchange format. Closest: {best.Table}; unknown columns: {(unknown.Count == 0 ? "none" : string.Join(", ", unknown))}; missing required columns: {(missing.Count == 0 ? "none" : string.Join(", ", missing))}.";
        var error = new RowError(record.FileName, 1, "(header)", string.Join(",", header), ValidationRules.Header, message);
        var report = await ValidationReportWriter.WriteAsync(_layout.ReportsFolder(record.DatasetId), Summary(record, message), [error], cancellationToken);
        return await FinishAsync(record with { Outcome = ImportOutcome.Refused, Message = message, ReportCsv = report.CsvPath, ReportJson = report.JsonPath }, report, cancellationToken);
    }

    private async Task<ImportResult> RefuseKindAsync(ImportRecord record, IReadOnlyList<string> header, RecordSchema schema, string expected, CancellationToken cancellationToken)
    {
        var message = $"The file was sent as {expected}, but its header is that of {schema.Table}; nothing was imported. Choose the right kind or check the file.";
        var error = new RowError(record.FileName, 1, "(header)", string.Join(",", header), ValidationRules.Header, message);
        var report = await ValidationReportWriter.WriteAsync(_layout.ReportsFolder(record.DatasetId), Summary(record, message), [error], cancellationToken);
        return await FinishAsync(record with { Outcome = ImportOutcome.Refused, Message = message, ReportCsv = report.CsvPath, ReportJson = report.JsonPath }, report, cancellationToken);
    }

    private async Task<ImportResult> AlreadyImportedAsync(ImportRecord record, ImportRecord earlier, string originalPath, IngestOptions options, CancellationToken cancellationToken)
    {
        record = record with
        {
            Outcome = ImportOutcome.AlreadyImported,
            Table = earlier.Table,
            Encoding = earlier.Encoding,
            ReportCsv = earlier.ReportCsv,
            ReportJson = earlier.ReportJson,
            Message = $"Already imported as {earlier.ImportId} on {earlier.FinishedAt:yyyy-MM-dd HH:mm} UTC; nothing changed.",
        };
        var result = await FinishAsync(record, null, cancellationToken);
        return result with { RawVaultPath = await DisposeRawAsync(record, originalPath, options, cancellationToken) };
    }

    private async Task<ImportResult> FinishAsync(ImportRecord record, ValidationReport? report, CancellationToken cancellationToken)
    {
        record = record with { FinishedAt = _time.GetUtcNow() };
        await _log.AppendAsync(record, cancellationToken);
        return new ImportResult(record, report);
    }

    private async Task<string?> DisposeRawAsync(ImportRecord record, string path, IngestOptions options, CancellationToken cancellationToken)
    {
        switch (options.RawFiles)
        {
            case RawFilePolicy.Delete:
                File.Delete(path);
                return null;
            case RawFilePolicy.Encrypt:
                var vaultPath = Path.Combine(_layout.RawVaultFolder(record.DatasetId), record.Sha256 + ".gkraw");
                if (!File.Exists(vaultPath)) vaultPath = await new RawFileVault(_keys, _layout).EncryptAsync(record.DatasetId, path, record.Sha256, cancellationToken);
                File.Delete(path);
                return vaultPath;
            default:
                return null;
        }
    }

    private static ReportSummary Summary(ImportRecord record, string? reason) => new()
    {
        ImportId = record.ImportId,
        File = record.FileName,
        Sha256 = record.Sha256,
        Table = record.Table,
        Encoding = record.Encoding,
        Rows = record.Rows,
        RejectedRows = record.RejectedRows,
        MaxErrorRate = record.MaxErrorRate,
        Decision = reason is null ? "accepted" : "refused",
        Reason = reason,
    };

    /// <summary>All threads' errors in file order, with chunk-relative lines turned into file lines (the header is line 1).</summary>
    private static IEnumerable<RowError> Errors(ParsePlan plan, IReadOnlyList<ChunkParser> chunks, IReadOnlyList<ErrorSink> sinks, string fileName)
    {
        long offset = 1;
        for (var k = 0; k < chunks.Count; k++)
        {
            foreach (var (line, field, rule, value) in sinks[k].Read())
            {
                var spec = field >= 0 ? plan.Fields[field] : null;
                yield return new RowError(fileName, offset + line, spec?.Name ?? "*", value, rule, ValidationMessages.Describe(spec, rule, plan.ColumnCount));
            }

            offset += chunks[k].Lines;
        }
    }

    private static async Task TranscodeAsync(string source, string target, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(source, TextEncodings.ShiftJis, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        await using var writer = new StreamWriter(target, false, new UTF8Encoding(false), 1 << 16);
        var buffer = new char[1 << 16];
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0) await writer.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover staging folder holds nothing published; a later import removes it (AnalysisStore.RemoveAbandoned).
        }
    }
}
