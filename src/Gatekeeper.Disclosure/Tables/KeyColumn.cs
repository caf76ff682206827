namespace Gatekeeper.Disclosure.Tables;

/// <summary>
/// A group-by dimension, dictionary-encoded: <see cref="Levels"/> holds each distinct value once and
/// every cell stores a level index, or <see cref="Aggregated"/> when the cell is a margin over this
/// dimension. Codes keep keys small and hashable when packing them for relations and differencing.
/// </summary>
public sealed class KeyColumn
{
    /// <summary>The code of a cell that aggregates over this dimension (a margin).</summary>
    public const int Aggregated = -1;

    private readonly string?[] _levels;
    private readonly int[] _codes;

    /// <param name="name">The output column name.</param>
    /// <param name="levels">Distinct values; a null entry is the genuine NULL group.</param>
    /// <param name="codes">Per cell: an index into <paramref name="levels"/> or <see cref="Aggregated"/>.</param>
    public KeyColumn(string name, string?[] levels, int[] codes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(codes);
        for (var i = 0; i < codes.Length; i++)
        {
            if (codes[i] < Aggregated || codes[i] >= levels.Length)
                throw new ArgumentException($"Key column '{name}': cell {i} has code {codes[i]} outside 0..{levels.Length - 1} (or {Aggregated} for a margin).", nameof(codes));
        }

        Name = name;
        _levels = levels;
        _codes = codes;
    }

    public string Name { get; }

    public IReadOnlyList<string?> Levels => _levels;

    public int CellCount => _codes.Length;

    /// <summary>The level index of a cell, or <see cref="Aggregated"/>.</summary>
    public int Code(int cell) => _codes[cell];

    public bool IsAggregated(int cell) => _codes[cell] == Aggregated;

    /// <summary>The cell's key part for this dimension.</summary>
    public KeyPart Part(int cell) => _codes[cell] == Aggregated ? KeyPart.All : KeyPart.Of(_levels[_codes[cell]]);

    internal ReadOnlySpan<int> Codes => _codes;
}
