namespace Gatekeeper.Ingest.Consent;

/// <summary>A registry held in memory, for tests and short-lived tools.</summary>
public sealed class InMemoryConsentRegistry : IConsentRegistry
{
    private readonly Dictionary<string, List<ConsentEvent>> _events = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<int> AddAsync(string datasetId, IReadOnlyCollection<ConsentEvent> events, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_events.TryGetValue(datasetId, out var list)) _events[datasetId] = list = [];
            var known = list.Select(e => e.Key).ToHashSet();
            var added = events.Where(e => known.Add(e.Key)).ToList();
            list.AddRange(added);
            return Task.FromResult(added.Count);
        }
    }

    public Task<IReadOnlyList<ConsentEvent>> GetEventsAsync(string datasetId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ConsentEvent>>(_events.TryGetValue(datasetId, out var list) ? [.. list] : []);
        }
    }
}
