namespace Gatekeeper.Disclosure.Verdicts;

/// <summary>The disclosure rules; their text codes (<see cref="RuleCodes"/>) are part of the CLI contract.</summary>
public enum RuleCode
{
    /// <summary><c>threshold</c>: fewer than the minimum units.</summary>
    Threshold,

    /// <summary><c>zero</c>: an empty (non-structural) cell reveals that nobody has the combination.</summary>
    Zero,

    /// <summary><c>p-ratio</c>: the p% rule for sum/mean cells.</summary>
    PRatio,

    /// <summary><c>nk-dominance</c>: n contributors hold at least k of the total (also: min/max is one contributor's value).</summary>
    NkDominance,

    /// <summary><c>dof</c>: too few residual degrees of freedom.</summary>
    Dof,

    /// <summary><c>missing</c>: missing contributing values.</summary>
    Missing,

    /// <summary><c>differencing</c>: combined with a released output, isolates fewer than the threshold.</summary>
    Differencing,
}
