using Gatekeeper.Disclosure.Privacy.Bounding;

namespace Gatekeeper.Disclosure.Privacy.Partitions;

/// <summary>
/// Group keys known in advance from the policy (e.g. all prefectures × age bands). Every key is released,
/// with a zero count if it has no rows, and no other key is, so which groups exist in the data is not revealed.
/// </summary>
public sealed class PublicKeySet
{
    private readonly HashSet<GroupKey> _set;

    public PublicKeySet(IReadOnlyList<string> columns, IEnumerable<GroupKey> keys)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(keys);
        Columns = [.. columns];
        var list = new List<GroupKey>();
        _set = [];
        foreach (var key in keys)
        {
            if (key.Parts.Count != Columns.Count) throw new ArgumentException($"Key '{key}' has {key.Parts.Count} parts for {Columns.Count} columns.", nameof(keys));
            if (key.Parts.Any(p => p is null)) throw new ArgumentException($"Key '{key}' has a missing part; public keys are explicit values.", nameof(keys));
            if (_set.Add(key)) list.Add(key);
        }

        list.Sort();
        Keys = list;
    }

    /// <summary>The single group of an aggregate without GROUP BY.</summary>
    public static PublicKeySet Ungrouped { get; } = new([], [GroupKey.Empty]);

    public IReadOnlyList<string> Columns { get; }

    /// <summary>The keys, sorted (release order never depends on the data).</summary>
    public IReadOnlyList<GroupKey> Keys { get; }

    public bool Contains(GroupKey key) => _set.Contains(key);

    /// <summary>All combinations of each column's values.</summary>
    public static PublicKeySet CrossProduct(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string>> valuesPerColumn)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(valuesPerColumn);
        if (columns.Count != valuesPerColumn.Count) throw new ArgumentException("One value list per column is needed.", nameof(valuesPerColumn));
        IEnumerable<string?[]> combinations = [[]];
        foreach (var values in valuesPerColumn)
        {
            var current = values;
            combinations = combinations.SelectMany(prefix => current.Select(v => (string?[])[.. prefix, v]));
        }

        return new PublicKeySet(columns, combinations.Select(c => new GroupKey(c)));
    }
}
