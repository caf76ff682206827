using Gatekeeper.Domain.Permits;
using Gatekeeper.Domain.Policies;
using Gatekeeper.Domain.Reviews;

namespace Gatekeeper.Data.Workflows;

/// <summary>Where an application's review stands, as its researcher sees it (no votes, no reviewers' names).</summary>
public sealed record ResearcherReviewStatus
{
    public required Guid InstanceId { get; init; }

    public required string State { get; init; }

    public LocalisedText? StateTitle { get; init; }

    public required bool Finished { get; init; }

    public string? Outcome { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    /// <summary>The decision deadline (EHDS: 3 months, extendable once by 3 months).</summary>
    public DateTimeOffset? DeadlineAt { get; init; }

    public bool DeadlineExtended { get; init; }

    public ApplicationDecision? Decision { get; init; }

    public DataPermit? Permit { get; init; }

    public IReadOnlyList<ReviewComment> RevisionRequests { get; init; } = [];
}
