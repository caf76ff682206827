using Gatekeeper.Domain.Applications;

namespace Gatekeeper.Data.Applications;

/// <summary>One row of a dashboard or list.</summary>
public sealed record ApplicationSummary(
    Guid Id,
    string Reference,
    int Version,
    string Title,
    ApplicationStatus Status,
    string? PurposeCategory,
    OutputTier? RequestedTier,
    string ApplicantName,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SubmittedAt);
