namespace Gatekeeper.Domain.Accreditation;

/// <summary>
/// A training or accreditation record of a person ("safe people"), e.g. research-ethics training or
/// safe-researcher accreditation, valid for a period.
/// </summary>
public sealed class Accreditation
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public required string UserId { get; init; }

    /// <summary>Kind code from the accreditation policy, e.g. <c>safe-researcher</c>.</summary>
    public required string Kind { get; init; }

    public required DateOnly ValidFrom { get; init; }

    public required DateOnly ValidUntil { get; init; }

    /// <summary>Who issued it (training provider, institution).</summary>
    public required string Issuer { get; init; }

    /// <summary>Certificate number or other reference.</summary>
    public string? Reference { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    public required string RecordedBy { get; init; }

    public bool IsValidOn(DateOnly day) => ValidFrom <= day && day <= ValidUntil;
}
