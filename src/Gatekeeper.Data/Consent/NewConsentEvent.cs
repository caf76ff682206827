using Gatekeeper.Ingest.Consent;

namespace Gatekeeper.Data.Consent;

/// <summary>
/// A decision a data steward records on a person's behalf (e.g. a withdrawal received by letter). The person is named
/// either by the holder's participant ID, which is pseudonymised at once with the dataset's key and never stored, or
/// by the dataset pseudonym shown in the registry.
/// </summary>
public sealed record NewConsentEvent
{
    public string? ParticipantId { get; init; }

    public string? Pseudonym { get; init; }

    public ConsentAction? Action { get; init; }

    /// <summary>Required for consent and refusal; must be empty for an opt-out and its withdrawal.</summary>
    public string? PurposeCode { get; init; }

    /// <summary>In force from 00:00 Japan time that day.</summary>
    public DateOnly? EffectiveFrom { get; init; }
}
