namespace Gatekeeper.Disclosure.Suppression;

/// <summary>What mitigation did to a cell.</summary>
public enum CellTreatment
{
    /// <summary>Published as computed.</summary>
    Published,

    /// <summary>Counts rounded to the policy base (totals recomputed from rounded values); everything else as computed.</summary>
    Rounded,

    /// <summary>Blanked (or removed, under redaction) because it failed a rule.</summary>
    PrimarySuppressed,

    /// <summary>Blanked (or removed) to stop a suppressed cell being recovered from the margins.</summary>
    SecondarySuppressed,
}
