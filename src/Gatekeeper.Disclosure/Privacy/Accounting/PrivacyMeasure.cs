namespace Gatekeeper.Disclosure.Privacy.Accounting;

/// <summary>How a privacy loss is measured (OpenDP's output measures).</summary>
public enum PrivacyMeasure
{
    /// <summary>ε-differential privacy (max divergence).</summary>
    PureDp,

    /// <summary>
    /// (ε, δ)-differential privacy. Gatekeeper's only such mechanism is stability-based partition selection,
    /// which is ε-DP except on an event of probability ≤ δ; that structure is what lets it be charged to a
    /// zCDP budget as δ-approximate ε²/2-zCDP (Bun and Steinke 2016, Proposition 1.13).
    /// </summary>
    ApproximateDp,

    /// <summary>ρ-zero-concentrated differential privacy, or δ-approximate ρ-zCDP when δ &gt; 0.</summary>
    ZeroConcentratedDp,
}
