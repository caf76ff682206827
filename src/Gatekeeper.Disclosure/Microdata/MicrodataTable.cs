namespace Gatekeeper.Disclosure.Microdata;

/// <summary>A microdata output (one row per record), column-wise and dictionary-encoded.</summary>
public sealed class MicrodataTable
{
    private readonly Dictionary<string, MicrodataColumn> _byName;

    public MicrodataTable(IReadOnlyList<MicrodataColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _byName = new Dictionary<string, MicrodataColumn>(StringComparer.Ordinal);
        var rows = columns.Count == 0 ? 0 : columns[0].RowCount;
        foreach (var c in columns)
        {
            if (c.RowCount != rows) throw new ArgumentException($"Column '{c.Name}' has {c.RowCount} rows, expected {rows}.", nameof(columns));
            if (!_byName.TryAdd(c.Name, c)) throw new ArgumentException($"Column '{c.Name}' appears twice.", nameof(columns));
        }

        Columns = columns;
        RowCount = rows;
    }

    public IReadOnlyList<MicrodataColumn> Columns { get; }

    public int RowCount { get; }

    public MicrodataColumn Column(string name) =>
        _byName.TryGetValue(name, out var c) ? c : throw new ArgumentException($"The microdata has no column '{name}'.", nameof(name));

    public bool HasColumn(string name) => _byName.ContainsKey(name);

    /// <summary>Builds a table from rows of text values (tests, the CLI, small inputs).</summary>
    public static MicrodataTable FromRows(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var built = new MicrodataColumn[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            var values = new string?[rows.Count];
            for (var r = 0; r < rows.Count; r++)
            {
                if (rows[r].Count != columns.Count) throw new ArgumentException($"Row {r} has {rows[r].Count} values for {columns.Count} columns.", nameof(rows));
                values[r] = rows[r][c];
            }

            built[c] = MicrodataColumn.Encode(columns[c], values);
        }

        return new MicrodataTable(built);
    }
}
