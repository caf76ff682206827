namespace Gatekeeper.Disclosure.Policies;

/// <summary>The kinds of generalisation step a hierarchy level can apply to an original value.</summary>
public enum GeneralisationKind
{
    /// <summary>Numeric bands of a fixed width from an origin (age → 5-year bands).</summary>
    Band,

    /// <summary>A date to its month (<c>yyyy-MM</c>).</summary>
    Month,

    /// <summary>A date to its year (<c>yyyy</c>).</summary>
    Year,

    /// <summary>The first characters of a code (JIS municipality code → 2-digit prefecture).</summary>
    Prefix,

    /// <summary>An explicit value → group table.</summary>
    Map,

    /// <summary>Every value to <c>*</c>.</summary>
    Suppress,
}
