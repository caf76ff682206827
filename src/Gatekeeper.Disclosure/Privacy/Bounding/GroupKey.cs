namespace Gatekeeper.Disclosure.Privacy.Bounding;

/// <summary>The values of the group-by columns of one group (a null part is SQL NULL). Compared part by part, ordinally.</summary>
public sealed record GroupKey : IComparable<GroupKey>
{
    public GroupKey(IReadOnlyList<string?> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        Parts = [.. parts];
    }

    public static GroupKey Empty { get; } = new([]);

    public IReadOnlyList<string?> Parts { get; }

    public static GroupKey Of(params string?[] parts) => new(parts);

    public bool Equals(GroupKey? other) => other is not null && Parts.SequenceEqual(other.Parts, StringComparer.Ordinal);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var part in Parts) hash.Add(part, StringComparer.Ordinal);
        return hash.ToHashCode();
    }

    public int CompareTo(GroupKey? other)
    {
        if (other is null) return 1;
        for (var i = 0; i < Math.Min(Parts.Count, other.Parts.Count); i++)
        {
            var c = string.CompareOrdinal(Parts[i], other.Parts[i]);
            if (c != 0) return c;
        }

        return Parts.Count.CompareTo(other.Parts.Count);
    }

    public override string ToString() => string.Join(" × ", Parts.Select(p => p ?? "(missing)"));
}
