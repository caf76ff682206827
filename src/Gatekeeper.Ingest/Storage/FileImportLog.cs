using System.Text.Json;

namespace Gatekeeper.Ingest.Storage;

/// <summary>Import history as JSON lines in <c>imports/&lt;dataset&gt;/imports.jsonl</c>, appended one whole line per write.</summary>
public sealed class FileImportLog : IImportLog
{
    private readonly DataLayout _layout;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public FileImportLog(DataLayout layout)
    {
        _layout = layout;
    }

    public async Task AppendAsync(ImportRecord record, CancellationToken cancellationToken = default)
    {
        var path = _layout.ImportLogFile(record.DatasetId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var line = JsonSerializer.Serialize(record, IngestJson.Options) + "\n";
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await File.AppendAllTextAsync(path, line, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<ImportRecord?> FindCommittedAsync(string datasetId, string sha256, CancellationToken cancellationToken = default) =>
        (await ListAsync(datasetId, cancellationToken)).LastOrDefault(r => r.Outcome == ImportOutcome.Committed && r.Sha256 == sha256);

    public async Task<IReadOnlyList<ImportRecord>> ListAsync(string datasetId, CancellationToken cancellationToken = default)
    {
        var path = _layout.ImportLogFile(datasetId);
        if (!File.Exists(path)) return [];
        var records = new List<ImportRecord>();
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            // A line cut short by a crash is not a record.
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                if (JsonSerializer.Deserialize<ImportRecord>(line, IngestJson.Options) is { } record) records.Add(record);
            }
            catch (JsonException)
            {
            }
        }

        return records;
    }
}
