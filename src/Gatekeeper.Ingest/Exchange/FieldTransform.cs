namespace Gatekeeper.Ingest.Exchange;

/// <summary>What the importer does to a valid value before it reaches the analysis table.</summary>
public enum FieldTransform
{
    None,

    /// <summary>Direct identifier of a person: replaced by its keyed HMAC-SHA-256 pseudonym.</summary>
    PseudonymisePerson,

    /// <summary>Direct identifier of a device (serial): replaced by its keyed HMAC-SHA-256 pseudonym.</summary>
    PseudonymiseDevice,

    /// <summary>Quasi-identifier: birth year-month coarsened to birth year or age band by policy.</summary>
    CoarsenBirth,

    /// <summary>Quasi-identifier: residence coarsened to prefecture by policy.</summary>
    CoarsenResidence,
}
