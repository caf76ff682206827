namespace Gatekeeper.Disclosure.Microdata;

/// <summary>A quasi-identifier at one hierarchy level: its generalised labels and the original code → label code map.</summary>
internal sealed class GeneralisedColumn(MicrodataColumn source, int level, string description, string?[] labels, int[] map)
{
    public MicrodataColumn Source { get; } = source;

    public int Level { get; } = level;

    public string Description { get; } = description;

    public string?[] Labels { get; } = labels;

    /// <summary>Original dictionary code → index into <see cref="Labels"/>.</summary>
    public int[] Map { get; } = map;

    public int Cardinality => Labels.Length;
}
