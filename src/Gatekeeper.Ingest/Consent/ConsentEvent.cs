using System.Text.Json.Serialization;

namespace Gatekeeper.Ingest.Consent;

/// <summary>
/// One recorded decision of a person (by pseudonym) in a dataset. Times are Japan Standard Time without zone, like
/// the exchange format's. The decision holds from <see cref="EffectiveFrom"/> until a later decision on the same
/// scope (all use for opt-outs, the purpose for consent/refusal) takes effect.
/// </summary>
public sealed record ConsentEvent
{
    public required string Pseudonym { get; init; }

    public required ConsentAction Action { get; init; }

    /// <summary>Purpose code of policies/purposes.yaml for <see cref="ConsentAction.Consent"/> and <see cref="ConsentAction.Refusal"/>; null for opt-outs.</summary>
    public string? PurposeCode { get; init; }

    public required DateTime EffectiveFrom { get; init; }

    /// <summary>When the holder recorded it; of two decisions effective at the same moment the later recorded wins.</summary>
    public required DateTime UpdateTime { get; init; }

    /// <summary>Where it came from: an import id, or "api:&lt;user&gt;" for edits through the web store later.</summary>
    public string Source { get; init; } = "";

    /// <summary>Whether this decision is about all use (opt-out and its withdrawal) rather than one purpose.</summary>
    [JsonIgnore]
    public bool IsOptOutScope => Action is ConsentAction.OptOut or ConsentAction.OptOutWithdrawn;

    /// <summary>Identity for de-duplication: the same decision imported twice counts once.</summary>
    [JsonIgnore]
    public (string, ConsentAction, string?, DateTime, DateTime) Key => (Pseudonym, Action, PurposeCode, EffectiveFrom, UpdateTime);
}
