namespace Gatekeeper.Domain.Catalogue;

/// <summary>Disclosure class of a variable, which drives pseudonymisation, risk scoring and disclosure checks.</summary>
public enum VariableSensitivity
{
    /// <summary>Identifies a person on its own (participant ID, device serial); never released, replaced by a pseudonym.</summary>
    DirectIdentifier,

    /// <summary>Identifies in combination (birth year-month, sex, residence); coarsened by policy.</summary>
    QuasiIdentifier,

    /// <summary>Special-category health data (HbA1c, blood pressure, medication, genomic, mental health).</summary>
    Sensitive,

    Other,
}
