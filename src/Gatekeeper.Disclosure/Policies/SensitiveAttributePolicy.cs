namespace Gatekeeper.Disclosure.Policies;

/// <summary>A sensitive attribute and the diversity/closeness each equivalence class must show for it.</summary>
public sealed record SensitiveAttributePolicy
{
    public required string Column { get; init; }

    /// <summary>Categorical uses the equal ground distance for t-closeness; ordinal, numeric and date the ordered distance.</summary>
    public AttributeKind Kind { get; init; } = AttributeKind.Categorical;

    /// <summary>Minimum distinct values per class (distinct l-diversity); 0 disables.</summary>
    public int DistinctL { get; init; } = 2;

    /// <summary>Minimum exp(entropy) per class (entropy l-diversity); 0 disables.</summary>
    public decimal EntropyL { get; init; }

    /// <summary>Maximum earth mover's distance between a class and the whole table (t-closeness); null disables.</summary>
    public decimal? T { get; init; }
}
