namespace Gatekeeper.Disclosure.Tables;

/// <summary>
/// A table output of a run: group-by key columns and measures, one cell per group, with the shadow
/// statistics of each cell (distinct units, rows, structural-zero flag). Margins are cells whose key
/// has <see cref="KeyPart.All"/> in the dimensions they aggregate over. Construction validates the
/// shape and refuses duplicate keys, so every later step can rely on one cell per key.
/// </summary>
public sealed class TableOutput
{
    private readonly long[] _units;
    private readonly long[] _rows;
    private readonly bool[]? _structuralZero;
    private readonly CellKeyIndex _index;

    /// <param name="keys">The group-by dimensions.</param>
    /// <param name="measures">The output measures.</param>
    /// <param name="units">Per cell distinct units (persons); ignored for counting when <paramref name="hasUnitId"/> is false.</param>
    /// <param name="rows">Per cell rows.</param>
    /// <param name="hasUnitId">Whether the data has a unit id, so the threshold counts distinct persons rather than rows.</param>
    /// <param name="structuralZero">Per cell: an empty cell that is empty by definition (e.g. male × pregnancy).</param>
    /// <param name="marginLabel">How a margin key part is shown as text.</param>
    public TableOutput(
        IReadOnlyList<KeyColumn> keys,
        IReadOnlyList<MeasureColumn> measures,
        long[] units,
        long[] rows,
        bool hasUnitId,
        bool[]? structuralZero = null,
        string marginLabel = "Total")
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(measures);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(rows);
        var n = rows.Length;
        if (units.Length != n) throw new ArgumentException($"units has {units.Length} entries for {n} cells.", nameof(units));
        if (structuralZero is not null && structuralZero.Length != n)
            throw new ArgumentException($"structural-zero flags have {structuralZero.Length} entries for {n} cells.", nameof(structuralZero));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var k in keys)
        {
            if (k.CellCount != n) throw new ArgumentException($"Key column '{k.Name}' has {k.CellCount} cells, expected {n}.", nameof(keys));
            if (!names.Add(k.Name)) throw new ArgumentException($"Column '{k.Name}' appears twice.", nameof(keys));
        }

        foreach (var m in measures)
        {
            if (m.CellCount != n) throw new ArgumentException($"Measure '{m.Name}' has {m.CellCount} cells, expected {n}.", nameof(measures));
            if (!names.Add(m.Name)) throw new ArgumentException($"Column '{m.Name}' appears twice.", nameof(measures));
        }

        for (var i = 0; i < n; i++)
        {
            if (units[i] < 0 || rows[i] < 0) throw new ArgumentException($"Cell {i} has a negative unit or row count.", nameof(rows));
        }

        Keys = keys;
        Measures = measures;
        HasUnitId = hasUnitId;
        MarginLabel = marginLabel;
        _units = units;
        _rows = rows;
        _structuralZero = structuralZero;
        _index = CellKeyIndex.Build(this);
    }

    public IReadOnlyList<KeyColumn> Keys { get; }

    public IReadOnlyList<MeasureColumn> Measures { get; }

    public int CellCount => _rows.Length;

    /// <summary>Whether the threshold counts distinct units (true) or rows (false).</summary>
    public bool HasUnitId { get; }

    public string MarginLabel { get; }

    /// <summary>Whether any cell is a margin (aggregates over at least one dimension).</summary>
    public bool HasMargins => _index.HasMargins;

    public long Units(int cell) => _units[cell];

    public long Rows(int cell) => _rows[cell];

    /// <summary>The count the threshold and zero rules use: units when there is a unit id, else rows.</summary>
    public long Count(int cell) => HasUnitId ? _units[cell] : _rows[cell];

    public bool IsStructuralZero(int cell) => _structuralZero is not null && _structuralZero[cell];

    /// <summary>Whether the cell aggregates over at least one dimension.</summary>
    public bool IsMargin(int cell)
    {
        foreach (var k in Keys)
        {
            if (k.IsAggregated(cell)) return true;
        }

        return false;
    }

    /// <summary>The cell's key, one part per dimension.</summary>
    public IReadOnlyList<KeyPart> Key(int cell)
    {
        var parts = new KeyPart[Keys.Count];
        for (var d = 0; d < parts.Length; d++) parts[d] = Keys[d].Part(cell);
        return parts;
    }

    /// <summary>The cell's key as text, e.g. <c>age_band=40-44, sex=Total</c>.</summary>
    public string KeyText(int cell)
    {
        if (Keys.Count == 0) return "(all)";
        var sb = new System.Text.StringBuilder();
        for (var d = 0; d < Keys.Count; d++)
        {
            if (d > 0) sb.Append(", ");
            var p = Keys[d].Part(cell);
            sb.Append(Keys[d].Name).Append('=').Append(p.IsAggregated ? MarginLabel : p.Value ?? "NULL");
        }

        return sb.ToString();
    }

    /// <summary>Finds the cell with the given key (one part per dimension), or -1.</summary>
    public int FindCell(IReadOnlyList<KeyPart> key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Count != Keys.Count) throw new ArgumentException($"A key has {Keys.Count} parts.", nameof(key));
        if (Keys.Count == 0) return CellCount == 1 ? 0 : -1;
        Span<int> codes = stackalloc int[Keys.Count];
        for (var d = 0; d < codes.Length; d++)
        {
            if (key[d].IsAggregated)
            {
                codes[d] = KeyColumn.Aggregated;
                continue;
            }

            var levels = Keys[d].Levels;
            var found = -1;
            for (var l = 0; l < levels.Count; l++)
            {
                if (string.Equals(levels[l], key[d].Value, StringComparison.Ordinal))
                {
                    found = l;
                    break;
                }
            }

            if (found < 0) return -1;
            codes[d] = found;
        }

        return Index.Find(codes);
    }

    internal CellKeyIndex Index => _index;

    internal ReadOnlySpan<long> UnitsSpan => _units;

    internal ReadOnlySpan<long> RowsSpan => _rows;
}
