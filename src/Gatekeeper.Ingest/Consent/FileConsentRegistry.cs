using System.Text.Json;
using Gatekeeper.Ingest.Storage;

namespace Gatekeeper.Ingest.Consent;

/// <summary>
/// A registry as JSON lines in <c>consent/&lt;dataset&gt;.jsonl</c>, outside the analysis folder. An addition rewrites
/// the file to a temporary one and renames it over the old, so a crash leaves the old registry or the new, never half.
/// </summary>
public sealed class FileConsentRegistry : IConsentRegistry
{
    private readonly DataLayout _layout;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public FileConsentRegistry(DataLayout layout)
    {
        _layout = layout;
    }

    public async Task<int> AddAsync(string datasetId, IReadOnlyCollection<ConsentEvent> events, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var datasetLock = await DatasetLock.AcquireAsync(_layout.ConsentFile(datasetId) + ".lock", cancellationToken);
            var existing = await ReadAsync(datasetId, cancellationToken);
            var known = existing.Select(e => e.Key).ToHashSet();
            var added = events.Where(e => known.Add(e.Key)).ToList();
            if (added.Count == 0) return 0;
            var path = _layout.ConsentFile(datasetId);
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await using (var writer = new StreamWriter(temp))
            {
                foreach (var e in existing.Concat(added)) await writer.WriteLineAsync(JsonSerializer.Serialize(e, IngestJson.Options));
            }

            File.Move(temp, path, overwrite: true);
            return added.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<IReadOnlyList<ConsentEvent>> GetEventsAsync(string datasetId, CancellationToken cancellationToken = default) =>
        ReadAsync(datasetId, cancellationToken);

    private async Task<IReadOnlyList<ConsentEvent>> ReadAsync(string datasetId, CancellationToken cancellationToken)
    {
        var path = _layout.ConsentFile(datasetId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path)) return [];
        var events = new List<ConsentEvent>();
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            if (!string.IsNullOrWhiteSpace(line)) events.Add(JsonSerializer.Deserialize<ConsentEvent>(line, IngestJson.Options)!);
        }

        return events;
    }
}
