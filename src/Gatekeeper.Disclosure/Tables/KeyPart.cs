namespace Gatekeeper.Disclosure.Tables;

/// <summary>
/// One component of a cell key: a group value, a genuine SQL NULL group, or <see cref="All"/> for a
/// margin that aggregates over the dimension. NULL and All are kept apart because a NULL group is a
/// real category while All is the sum over every category.
/// </summary>
public readonly record struct KeyPart
{
    private KeyPart(string? value, bool aggregated)
    {
        Value = value;
        IsAggregated = aggregated;
    }

    /// <summary>The margin marker: this dimension is aggregated over.</summary>
    public static KeyPart All { get; } = new(null, true);

    /// <summary>The genuine NULL group.</summary>
    public static KeyPart Null { get; } = new(null, false);

    /// <summary>The group value as text (null for a NULL group or a margin).</summary>
    public string? Value { get; }

    /// <summary>True when the cell aggregates over this dimension.</summary>
    public bool IsAggregated { get; }

    public static KeyPart Of(string? value) => new(value, false);

    public static implicit operator KeyPart(string? value) => new(value, false);

    public override string ToString() => IsAggregated ? "*" : Value ?? "NULL";
}
