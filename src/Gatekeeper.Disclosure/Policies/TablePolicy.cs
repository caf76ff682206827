namespace Gatekeeper.Disclosure.Policies;

/// <summary>Rules and mitigations for table outputs. The defaults are the (NDB/ACRO) defaults.</summary>
public sealed record TablePolicy
{
    /// <summary>The built-in defaults, used when no file is given.</summary>
    public static TablePolicy Default { get; } = new();

    /// <summary>Minimum units (distinct persons, or rows without a unit id) in a cell.</summary>
    public int Threshold { get; init; } = 10;

    /// <summary>Whether an empty non-structural cell fails (class disclosure).</summary>
    public bool ZerosAreDisclosive { get; init; } = true;

    /// <summary>Whether missing contributing values make a cell go to review.</summary>
    public bool CheckMissingValues { get; init; } = true;

    /// <summary>Whether the p% rule applies.</summary>
    public bool PRatioEnabled { get; init; } = true;

    /// <summary>p of the p% rule: fail when total − largest − second &lt; p × largest.</summary>
    public decimal P { get; init; } = 0.10m;

    /// <summary>Whether the (n, k) dominance rule applies.</summary>
    public bool NkDominanceEnabled { get; init; } = true;

    /// <summary>n of the (n, k) rule: 1 or 2 (the shadow statistics carry the two largest contributions).</summary>
    public int N { get; init; } = 2;

    /// <summary>k of the (n, k) rule: fail when the n largest ≥ k × total.</summary>
    public decimal K { get; init; } = 0.90m;

    /// <summary>Minimum residual degrees of freedom for standard deviations, variances and regression outputs.</summary>
    public int MinDegreesOfFreedom { get; init; } = 10;

    /// <summary>Whether min/max cells may pass without human review.</summary>
    public bool AllowMinMax { get; init; }

    /// <summary>How failing cells are mitigated.</summary>
    public MitigationMethod Mitigation { get; init; } = MitigationMethod.Suppress;

    /// <summary>Rounding base for <see cref="MitigationMethod.Round"/>.</summary>
    public int RoundingBase { get; init; } = 5;

    /// <summary>Which cells complementary suppression prefers.</summary>
    public SecondarySuppressionStrategy SecondarySuppression { get; init; } = SecondarySuppressionStrategy.Complementary;

    /// <summary>Whether outputs are compared with what was already released under the permit.</summary>
    public bool Differencing { get; init; } = true;
}
