using Gatekeeper.Disclosure.Privacy.Budget;

namespace Gatekeeper.Disclosure.Policies;

/// <summary>
/// The <c>differential_privacy:</c> section of a disclosure policy: whether aggregate statistics of the dataset may
/// leave only with DP noise, and the metadata the DP rewrite needs — never derived from the data: what one query
/// spends (ε under pure DP, ρ under zCDP, δ for partition selection), how many rows and groups one person may
/// contribute, clamping bounds per variable, public key sets per group column, whether other group columns may be
/// released by τ-thresholding, and the fixed time the noise phase is padded to.
/// </summary>
public sealed record DifferentialPrivacyPolicy
{
    public bool Required { get; init; }

    /// <summary>Pure ε-DP with discrete Laplace noise (<see cref="PrivacyBudgetModel.ApproximateDp"/>), or ρ-zCDP with discrete Gaussian noise.</summary>
    public PrivacyBudgetModel Measure { get; init; } = PrivacyBudgetModel.ApproximateDp;

    /// <summary>ε one query spends (pure DP).</summary>
    public decimal? Epsilon { get; init; }

    /// <summary>ρ one query spends (zCDP).</summary>
    public decimal? Rho { get; init; }

    /// <summary>δ one query may spend on partition selection (0 when only public keys are used).</summary>
    public decimal Delta { get; init; }

    /// <summary>δ′ used to state a zCDP cost as (ε, δ) when the permit's budget is (ε, δ) (CKS20).</summary>
    public decimal? ConversionDelta { get; init; }

    public int MaxRowsPerPerson { get; init; } = 1;

    public int MaxGroupsPerPerson { get; init; } = 1;

    public int? MaxRowsPerGroup { get; init; }

    /// <summary>Clamping bounds (and imputed value) per variable, by column name.</summary>
    public IReadOnlyDictionary<string, DpColumnBounds> Bounds { get; init; } = new Dictionary<string, DpColumnBounds>(StringComparer.Ordinal);

    /// <summary>Public key values per group column (output name); a grouped query over these columns releases their cross product.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> PublicKeys { get; init; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    /// <summary>Whether group columns without public keys may be released by τ-thresholding (needs δ &gt; 0).</summary>
    public bool PartitionSelection { get; init; }

    /// <summary>The noise phase of a DP run takes at least this long, and is rounded up to a multiple of it (timing channel).</summary>
    public int ReleasePaddingMs { get; init; } = 200;

    /// <summary>What one query may spend, in the policy's measure.</summary>
    public PrivacyBudget Allotment() => Measure == PrivacyBudgetModel.ApproximateDp
        ? PrivacyBudget.ApproximateDp(Privacy.Accounting.RationalMath.FromDecimal(Epsilon ?? 0), Privacy.Accounting.RationalMath.FromDecimal(Delta))
        : PrivacyBudget.Zcdp(Privacy.Accounting.RationalMath.FromDecimal(Rho ?? 0), Privacy.Accounting.RationalMath.FromDecimal(Delta));
}
