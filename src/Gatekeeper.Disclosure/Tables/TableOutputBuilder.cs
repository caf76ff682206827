namespace Gatekeeper.Disclosure.Tables;

/// <summary>
/// Builds a <see cref="TableOutput"/> cell by cell (tests, the CLI, small producers); large producers
/// can fill the column arrays directly.
/// </summary>
public sealed class TableOutputBuilder
{
    private readonly string[] _keyNames;
    private readonly List<Dictionary<string, int>> _levelIndex = [];
    private readonly List<List<string?>> _levels = [];
    private readonly List<List<int>> _codes = [];
    private readonly List<(string Name, MeasureKind Kind, double? Quantile)> _measures = [];
    private readonly List<MeasureStatistics[]> _cells = [];
    private readonly List<long> _units = [];
    private readonly List<long> _rows = [];
    private readonly List<bool> _structural = [];
    private readonly int[] _nullCode;
    private readonly bool _hasUnitId;
    private readonly string _marginLabel;

    public TableOutputBuilder(IReadOnlyList<string> keyColumns, bool hasUnitId = true, string marginLabel = "Total")
    {
        ArgumentNullException.ThrowIfNull(keyColumns);
        _keyNames = [.. keyColumns];
        _hasUnitId = hasUnitId;
        _marginLabel = marginLabel;
        _nullCode = new int[_keyNames.Length];
        Array.Fill(_nullCode, -1);
        foreach (var unused in _keyNames)
        {
            _levelIndex.Add(new Dictionary<string, int>(StringComparer.Ordinal));
            _levels.Add([]);
            _codes.Add([]);
        }
    }

    /// <summary>Declares the next measure column; declare all measures before adding cells.</summary>
    public TableOutputBuilder Measure(string name, MeasureKind kind, double? quantile = null)
    {
        if (_cells.Count > 0) throw new InvalidOperationException("Declare measures before adding cells.");
        _measures.Add((name, kind, quantile));
        return this;
    }

    /// <summary>Adds a cell: key parts (one per key column; <see cref="KeyPart.All"/> for a margin), counts and measures in declaration order.</summary>
    public TableOutputBuilder Add(IReadOnlyList<KeyPart> key, long units, long rows, IReadOnlyList<MeasureStatistics> measures, bool structuralZero = false)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(measures);
        if (key.Count != _keyNames.Length) throw new ArgumentException($"A key has {_keyNames.Length} parts, got {key.Count}.", nameof(key));
        if (measures.Count != _measures.Count) throw new ArgumentException($"{_measures.Count} measures declared, got {measures.Count}.", nameof(measures));
        for (var d = 0; d < key.Count; d++) _codes[d].Add(Encode(d, key[d]));
        _cells.Add([.. measures]);
        _units.Add(units);
        _rows.Add(rows);
        _structural.Add(structuralZero);
        return this;
    }

    public TableOutput Build()
    {
        var n = _cells.Count;
        var keys = new KeyColumn[_keyNames.Length];
        for (var d = 0; d < keys.Length; d++) keys[d] = new KeyColumn(_keyNames[d], [.. _levels[d]], [.. _codes[d]]);
        var measures = new MeasureColumn[_measures.Count];
        for (var m = 0; m < measures.Length; m++)
        {
            var (name, kind, quantile) = _measures[m];
            var values = new double[n];
            var dominance = _cells.Exists(c => c[m].Dominance is not null) || MeasureColumn.IsDominanceKind(kind) ? new DominanceStatistics[n] : null;
            var observations = _cells.Exists(c => c[m].Observations is not null) ? new long[n] : null;
            var dof = _cells.Exists(c => c[m].DegreesOfFreedom is not null) || kind == MeasureKind.Regression ? new long[n] : null;
            var contributors = _cells.Exists(c => c[m].Contributors is not null) ? new long[n] : null;
            var missing = _cells.Exists(c => c[m].HasMissing) ? new bool[n] : null;
            for (var i = 0; i < n; i++)
            {
                var s = _cells[i][m];
                values[i] = s.Value ?? double.NaN;
                if (dominance is not null)
                {
                    dominance[i] = s.Dominance
                        ?? throw new ArgumentException($"Cell {i}: measure '{name}' ({kind}) needs contribution statistics.");
                }

                if (observations is not null) observations[i] = s.Observations ?? MeasureColumn.NotGiven;
                if (dof is not null)
                {
                    dof[i] = s.DegreesOfFreedom
                        ?? (kind == MeasureKind.Regression ? throw new ArgumentException($"Cell {i}: measure '{name}' (regression) needs degrees of freedom.") : MeasureColumn.NotGiven);
                }

                if (contributors is not null) contributors[i] = s.Contributors ?? MeasureColumn.NotGiven;
                if (missing is not null) missing[i] = s.HasMissing;
            }

            measures[m] = new MeasureColumn(name, kind, values, dominance, observations, dof, contributors, missing, quantile);
        }

        var structural = _structural.Contains(true) ? _structural.ToArray() : null;
        return new TableOutput(keys, measures, [.. _units], [.. _rows], _hasUnitId, structural, _marginLabel);
    }

    private int Encode(int d, KeyPart part)
    {
        if (part.IsAggregated) return KeyColumn.Aggregated;
        if (part.Value is null)
        {
            // The NULL group gets its own level, kept apart from any text value.
            if (_nullCode[d] < 0)
            {
                _nullCode[d] = _levels[d].Count;
                _levels[d].Add(null);
            }

            return _nullCode[d];
        }

        if (!_levelIndex[d].TryGetValue(part.Value, out var code))
        {
            code = _levels[d].Count;
            _levels[d].Add(part.Value);
            _levelIndex[d][part.Value] = code;
        }

        return code;
    }
}
