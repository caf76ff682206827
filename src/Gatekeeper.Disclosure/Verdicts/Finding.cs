namespace Gatekeeper.Disclosure.Verdicts;

/// <summary>
/// Why a cell (or the whole output) did not pass one rule: the rule, its outcome, the cell and its key
/// text, the measure if the rule is per measure, the exact numbers that decided it and a reason a
/// researcher may read (it never quotes an individual contribution).
/// </summary>
/// <param name="Rule">The rule.</param>
/// <param name="Outcome">Fail or review.</param>
/// <param name="Cell">The cell index in the table, or -1 for the whole output.</param>
/// <param name="CellKey">The cell's key as text (e.g. <c>age_band=40-44, sex=F</c>).</param>
/// <param name="Measure">The measure column the rule looked at, if any.</param>
/// <param name="Numbers">The deciding numbers, exact.</param>
/// <param name="Reason">A researcher-safe explanation.</param>
public sealed record Finding(
    RuleCode Rule,
    CheckStatus Outcome,
    int Cell,
    string CellKey,
    string? Measure,
    IReadOnlyList<Evidence> Numbers,
    string Reason);
