namespace Gatekeeper.Ingest.Consent;

/// <summary>
/// The consent and opt-out registry of a dataset, append-only so every run's filter can be reproduced. The library
/// ships an in-memory and a file implementation; the web store implements it on the database with an edit API later.
/// </summary>
public interface IConsentRegistry
{
    /// <summary>Adds decisions all together or not at all; decisions already recorded are skipped. Returns how many were new.</summary>
    Task<int> AddAsync(string datasetId, IReadOnlyCollection<ConsentEvent> events, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ConsentEvent>> GetEventsAsync(string datasetId, CancellationToken cancellationToken = default);
}
