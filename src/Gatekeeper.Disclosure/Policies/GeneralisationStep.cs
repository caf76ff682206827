using System.Globalization;

namespace Gatekeeper.Disclosure.Policies;

/// <summary>
/// One level of a generalisation hierarchy. Each level maps an <em>original</em> value (not the
/// previous level's label) so levels can be chosen independently. NULL stays NULL (its own class).
/// </summary>
public sealed record GeneralisationStep
{
    public required GeneralisationKind Kind { get; init; }

    /// <summary>Band width (for <see cref="GeneralisationKind.Band"/>).</summary>
    public decimal Width { get; init; }

    /// <summary>Where bands start (for <see cref="GeneralisationKind.Band"/>).</summary>
    public decimal Origin { get; init; }

    /// <summary>Characters kept (for <see cref="GeneralisationKind.Prefix"/>).</summary>
    public int Length { get; init; }

    /// <summary>Value → group (for <see cref="GeneralisationKind.Map"/>).</summary>
    public IReadOnlyDictionary<string, string> Mapping { get; init; } = new Dictionary<string, string>();

    /// <summary>Group for values missing from <see cref="Mapping"/>; null keeps them as they are.</summary>
    public string? Default { get; init; }

    /// <summary>A short description for the result, e.g. <c>5-year bands</c>.</summary>
    public string Describe() => Kind switch
    {
        GeneralisationKind.Band => $"bands of {Width.ToString(CultureInfo.InvariantCulture)} from {Origin.ToString(CultureInfo.InvariantCulture)}",
        GeneralisationKind.Month => "month",
        GeneralisationKind.Year => "year",
        GeneralisationKind.Prefix => $"first {Length} characters",
        GeneralisationKind.Map => $"mapping of {Mapping.Count} values",
        GeneralisationKind.Suppress => "suppressed (*)",
        _ => Kind.ToString(),
    };

    /// <summary>
    /// Generalises one original value. <paramref name="integral"/> says whether the column holds whole
    /// numbers only, so bands are labelled <c>40-44</c> rather than <c>[40,45)</c>.
    /// </summary>
    public string? Apply(string? value, bool integral)
    {
        if (value is null) return null;
        switch (Kind)
        {
            case GeneralisationKind.Band:
                if (!decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var v))
                    throw new FormatException($"'{value}' is not a number; it cannot be put in a band.");
                var lo = (decimal.Floor((v - Origin) / Width) * Width) + Origin;
                var hi = lo + Width;
                return integral && decimal.Truncate(Width) == Width && decimal.Truncate(lo) == lo
                    ? string.Create(CultureInfo.InvariantCulture, $"{lo}-{hi - 1}")
                    : string.Create(CultureInfo.InvariantCulture, $"[{lo},{hi})");
            case GeneralisationKind.Month:
                return ParseDate(value).ToString("yyyy-MM", CultureInfo.InvariantCulture);
            case GeneralisationKind.Year:
                return ParseDate(value).ToString("yyyy", CultureInfo.InvariantCulture);
            case GeneralisationKind.Prefix:
                return value.Length <= Length ? value : value[..Length];
            case GeneralisationKind.Map:
                return Mapping.TryGetValue(value, out var group) ? group : Default ?? value;
            case GeneralisationKind.Suppress:
                return "*";
            default:
                throw new InvalidOperationException($"Unknown generalisation {Kind}.");
        }
    }

    private static DateOnly ParseDate(string value) =>
        DateOnly.TryParse(value.Length > 10 ? value[..10] : value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new FormatException($"'{value}' is not a date (yyyy-MM-dd).");
}
