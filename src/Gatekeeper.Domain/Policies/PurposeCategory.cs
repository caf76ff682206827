namespace Gatekeeper.Domain.Policies;

/// <summary>A permitted purpose of secondary use (EHDS Art. 53-style categories).</summary>
public sealed record PurposeCategory
{
    public required string Code { get; init; }

    public required LocalisedText Name { get; init; }

    public required LocalisedText Description { get; init; }

    /// <summary>A study protocol document must be attached before submission.</summary>
    public bool ProtocolRequired { get; init; }

    /// <summary>Commercial purposes raise the review risk score.</summary>
    public bool Commercial { get; init; }
}
