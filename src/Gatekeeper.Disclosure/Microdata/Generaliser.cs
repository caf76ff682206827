using System.Globalization;
using Gatekeeper.Disclosure.Policies;

namespace Gatekeeper.Disclosure.Microdata;

/// <summary>Applies a quasi-identifier's hierarchy level to its dictionary (not to each row).</summary>
internal static class Generaliser
{
    public static GeneralisedColumn Generalise(MicrodataColumn column, QuasiIdentifierPolicy qi, int level)
    {
        var dictionary = column.DictionaryArray;
        var map = new int[dictionary.Length];
        if (level == 0)
        {
            for (var i = 0; i < map.Length; i++) map[i] = i;
            return new GeneralisedColumn(column, 0, "original values", dictionary, map);
        }

        var step = qi.Hierarchy[level - 1];
        var integral = Array.TrueForAll(dictionary, v => v is null || (decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && decimal.Truncate(d) == d));
        var labels = new List<string?>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var nullLabel = -1;
        for (var i = 0; i < dictionary.Length; i++)
        {
            string? label;
            try
            {
                label = step.Apply(dictionary[i], integral);
            }
            catch (FormatException ex)
            {
                throw new ArgumentException($"Quasi-identifier '{column.Name}': {ex.Message}", ex);
            }

            if (label is null)
            {
                if (nullLabel < 0)
                {
                    nullLabel = labels.Count;
                    labels.Add(null);
                }

                map[i] = nullLabel;
                continue;
            }

            if (!index.TryGetValue(label, out var code))
            {
                code = labels.Count;
                labels.Add(label);
                index[label] = code;
            }

            map[i] = code;
        }

        return new GeneralisedColumn(column, level, step.Describe(), [.. labels], map);
    }
}
