namespace Gatekeeper.Disclosure.Policies;

/// <summary>Which cells complementary suppression prefers to sacrifice.</summary>
public enum SecondarySuppressionStrategy
{
    /// <summary>Prefer interior cells with the fewest units (keeps the margins).</summary>
    Complementary,

    /// <summary>Prefer the margins (keeps the interior cells).</summary>
    Margins,
}
