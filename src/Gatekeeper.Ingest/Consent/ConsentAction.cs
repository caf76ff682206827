namespace Gatekeeper.Ingest.Consent;

/// <summary>A person's decision, with the codes of the consent CSV (consent_action_code).</summary>
public enum ConsentAction
{
    /// <summary>Opt-out of all secondary use (オプトアウト under the Next-Generation Medical Infrastructure Act).</summary>
    OptOut = 1,

    /// <summary>An earlier opt-out withdrawn: the person's data may be used again from the effective date.</summary>
    OptOutWithdrawn = 2,

    /// <summary>Consent to one purpose (dynamic consent).</summary>
    Consent = 3,

    /// <summary>Refusal of one purpose, or withdrawal of an earlier consent to it.</summary>
    Refusal = 4,
}
