namespace Gatekeeper.Disclosure.Microdata;

/// <summary>
/// A dictionary-encoded microdata column: each distinct value (as text; null = missing) once in
/// <see cref="Dictionary"/>, one code per row. Generalisation then works on the dictionary (a few
/// hundred values) instead of on every row, and rows compare as small integers.
/// </summary>
public sealed class MicrodataColumn
{
    private readonly string?[] _dictionary;
    private readonly int[] _codes;

    public MicrodataColumn(string name, string?[] dictionary, int[] codes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(dictionary);
        ArgumentNullException.ThrowIfNull(codes);
        var max = dictionary.Length;
        foreach (var c in codes)
        {
            if ((uint)c >= (uint)max) throw new ArgumentException($"Column '{name}': code {c} outside 0..{max - 1}.", nameof(codes));
        }

        Name = name;
        _dictionary = dictionary;
        _codes = codes;
    }

    public string Name { get; }

    public IReadOnlyList<string?> Dictionary => _dictionary;

    public int RowCount => _codes.Length;

    public string? Value(int row) => _dictionary[_codes[row]];

    public int Code(int row) => _codes[row];

    internal int[] Codes => _codes;

    internal string?[] DictionaryArray => _dictionary;

    /// <summary>Encodes raw values (tests, the CLI, small inputs).</summary>
    public static MicrodataColumn Encode(string name, IReadOnlyList<string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var dictionary = new List<string?>();
        var nullCode = -1;
        var codes = new int[values.Count];
        for (var i = 0; i < codes.Length; i++)
        {
            var v = values[i];
            if (v is null)
            {
                if (nullCode < 0)
                {
                    nullCode = dictionary.Count;
                    dictionary.Add(null);
                }

                codes[i] = nullCode;
                continue;
            }

            if (!index.TryGetValue(v, out var code))
            {
                code = dictionary.Count;
                dictionary.Add(v);
                index[v] = code;
            }

            codes[i] = code;
        }

        return new MicrodataColumn(name, [.. dictionary], codes);
    }
}
