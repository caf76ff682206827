using Gatekeeper.Disclosure.Policies;
using Gatekeeper.Disclosure.Tables;
using Gatekeeper.Disclosure.Verdicts;

namespace Gatekeeper.Disclosure.Suppression;

/// <summary>
/// A table as it may be published after the policy's mitigation: per cell its treatment and per
/// measure its published value (null when suppressed), which cells are removed (redaction), notes
/// saying what was done and why, and whether the exact recoverability check passed.
/// </summary>
public sealed class MitigatedTable
{
    private readonly CellTreatment[] _treatments;
    private readonly double[][] _values;
    private readonly bool[] _roundedMeasures;

    internal MitigatedTable(TableVerdict verdict, MitigationMethod method, CellTreatment[] treatments, double[][] values, bool[] roundedMeasures, IReadOnlyList<MitigationNote> notes, IReadOnlyList<int> recoverable)
    {
        Verdict = verdict;
        Method = method;
        _treatments = treatments;
        _values = values;
        _roundedMeasures = roundedMeasures;
        Notes = notes;
        RecoverableCells = recoverable;
    }

    public TableVerdict Verdict { get; }

    public TableOutput Table => Verdict.Table;

    public MitigationMethod Method { get; }

    public IReadOnlyList<MitigationNote> Notes { get; }

    /// <summary>Suppressed cells that can still be derived from the published ones (empty when safe).</summary>
    public IReadOnlyList<int> RecoverableCells { get; }

    /// <summary>True when no suppressed value is derivable by linear combination of published cells and margins.</summary>
    public bool IsProtected => RecoverableCells.Count == 0;

    public CellTreatment Treatment(int cell) => _treatments[cell];

    /// <summary>Under redaction, suppressed cells are left out of the output entirely.</summary>
    public bool IsRemoved(int cell) =>
        Method == MitigationMethod.Redact && _treatments[cell] is CellTreatment.PrimarySuppressed or CellTreatment.SecondarySuppressed;

    /// <summary>Whether a measure's counts were rounded.</summary>
    public bool IsRounded(int measure) => _roundedMeasures[measure];

    /// <summary>The value published for a cell and measure, or null (suppressed, removed, or SQL NULL).</summary>
    public double? Value(int cell, int measure)
    {
        if (IsRemoved(cell)) return null;
        var v = _values[measure][cell];
        return double.IsNaN(v) ? null : v;
    }

    public int Count(CellTreatment treatment) => _treatments.Count(t => t == treatment);
}
