namespace Gatekeeper.Audit;

/// <summary>
/// What happened, by whom, to what, before it is placed in the chain. Never carries data values:
/// only identifiers, codes and reasons.
/// </summary>
public sealed record AuditRecord
{
    public required DateTimeOffset At { get; init; }

    /// <summary>User id, client id or "system".</summary>
    public required string ActorId { get; init; }

    public string? ActorRole { get; init; }

    public string? OrganisationId { get; init; }

    /// <summary>Dotted action code, e.g. <c>application.submitted</c>, <c>auth.sign-in-failed</c>.</summary>
    public required string Action { get; init; }

    /// <summary>Kind of the main subject, e.g. <c>application</c>, <c>permit</c>, <c>user</c>.</summary>
    public string? SubjectType { get; init; }

    /// <summary>Ids of the subjects (main first), e.g. application id and its permit.</summary>
    public IReadOnlyList<string> SubjectIds { get; init; } = [];

    public AuditOutcome Outcome { get; init; } = AuditOutcome.Succeeded;

    public string? Reason { get; init; }

    public string? ClientAddress { get; init; }
}
