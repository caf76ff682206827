namespace Gatekeeper.Ingest.Consent;

/// <summary>
/// The consent and opt-out registry of a dataset, append-only so every run's filter can be reproduced. The library
/// ships an in-memory and a file implementation; the gatekeeper's store implements it on the database
/// (Gatekeeper.Data.Consent.EfConsentRegistry), with the data stewards' consent API on top.
/// </summary>
public interface IConsentRegistry
{
    /// <summary>Adds decisions all together or not at all; decisions already recorded are skipped. Returns how many were new.</summary>
    Task<int> AddAsync(string datasetId, IReadOnlyCollection<ConsentEvent> events, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ConsentEvent>> GetEventsAsync(string datasetId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The persons (dataset pseudonyms) a run for <paramref name="purposeCode"/> at <paramref name="runTime"/> must leave
    /// out, by the rule of <see cref="ConsentFilter"/>. The default reads every event; a store answers it with one query.
    /// </summary>
    async Task<IReadOnlySet<string>> GetExcludedPersonsAsync(string datasetId, string purposeCode, DateTimeOffset runTime, CancellationToken cancellationToken = default) =>
        ConsentFilter.ExcludedPersons(await GetEventsAsync(datasetId, cancellationToken), purposeCode, runTime);
}
