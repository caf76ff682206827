namespace Gatekeeper.Data.Consent;

/// <summary>
/// One consent decision in the store (table <c>consent_events</c>). Rows are only ever added: the history of a
/// person's decisions is what makes every run's filter reproducible. Times are Japan wall-clock time, like the
/// exchange format's; the opt-out scope is stored as purpose code "" so the de-duplicating unique index sees it.
/// </summary>
public sealed class ConsentEventRow
{
    /// <summary>Insertion order: of two decisions with equal effective and update times the first recorded wins.</summary>
    public long Id { get; set; }

    public required string DatasetId { get; set; }

    public required string Pseudonym { get; set; }

    /// <summary><see cref="Gatekeeper.Ingest.Consent.ConsentAction"/> code (1 opt-out … 4 refusal).</summary>
    public int Action { get; set; }

    /// <summary>Purpose code, or "" for decisions about all use (opt-out and its withdrawal).</summary>
    public required string PurposeCode { get; set; }

    public DateTime EffectiveFrom { get; set; }

    public DateTime UpdateTime { get; set; }

    /// <summary>"import:&lt;import id&gt;" or "api:&lt;user id&gt;".</summary>
    public required string Source { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
