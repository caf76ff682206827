namespace Gatekeeper.Disclosure.Policies;

/// <summary>How failing cells are made safe before release.</summary>
public enum MitigationMethod
{
    /// <summary>Report only; nothing is changed.</summary>
    None,

    /// <summary>Blank failing cells and enough complementary cells that none can be recovered.</summary>
    Suppress,

    /// <summary>Round counts to the policy's base with totals recomputed from rounded values; other measures of failing cells are suppressed.</summary>
    Round,

    /// <summary>As <see cref="Suppress"/>, but suppressed cells are removed from the output entirely.</summary>
    Redact,
}
