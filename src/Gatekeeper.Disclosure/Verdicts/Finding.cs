using Gatekeeper.Disclosure.Tables;

namespace Gatekeeper.Disclosure.Verdicts;

/// <summary>
/// Why a cell (or the whole output) did not pass one rule: the rule, its outcome, the cell and its key
/// text, the measure if the rule is per measure, the exact numbers that decided it and a reason a
/// researcher may read (it never quotes a shadow statistic). The key text is built on first use, so a
/// million-cell check does not format keys nobody reads.
/// </summary>
public sealed class Finding
{
    private readonly TableOutput? _table;
    private string? _cellKey;

    /// <param name="rule">The rule.</param>
    /// <param name="outcome">Fail or review.</param>
    /// <param name="cell">The cell index in the table, or -1 for the whole output.</param>
    /// <param name="cellKey">The cell's key as text (e.g. <c>age_band=40-44, sex=F</c>).</param>
    /// <param name="measure">The measure column the rule looked at, if any.</param>
    /// <param name="numbers">The deciding numbers, exact.</param>
    /// <param name="reason">A researcher-safe explanation.</param>
    public Finding(RuleCode rule, CheckStatus outcome, int cell, string cellKey, string? measure, IReadOnlyList<Evidence> numbers, string reason)
        : this(rule, outcome, cell, (TableOutput?)null, measure, numbers, reason) => _cellKey = cellKey;

    internal Finding(RuleCode rule, CheckStatus outcome, int cell, TableOutput? table, string? measure, IReadOnlyList<Evidence> numbers, string reason)
    {
        Rule = rule;
        Outcome = outcome;
        Cell = cell;
        _table = table;
        Measure = measure;
        Numbers = numbers;
        Reason = reason;
    }

    public RuleCode Rule { get; }

    public CheckStatus Outcome { get; }

    public int Cell { get; }

    public string CellKey => _cellKey ??= _table is null || Cell < 0 ? "(output)" : _table.KeyText(Cell);

    public string? Measure { get; }

    public IReadOnlyList<Evidence> Numbers { get; }

    public string Reason { get; }

    public override string ToString() => $"{Rule.ToCode()} {Outcome.ToText()} ({CellKey}){(Measure is null ? string.Empty : $" [{Measure}]")}: {Reason}";
}
