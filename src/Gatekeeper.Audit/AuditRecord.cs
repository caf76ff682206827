namespace Gatekeeper.Audit;

/// <summary>
/// What happened, by whom, to what, before it is placed in the chain. Never carries data values:
/// only identifiers, codes, hashes and parameters (see docs/audit.md).
/// </summary>
public sealed record AuditRecord
{
    public required DateTimeOffset At { get; init; }

    /// <summary>User id, client id or "system".</summary>
    public required string ActorId { get; init; }

    public string? ActorRole { get; init; }

    public string? OrganisationId { get; init; }

    /// <summary>Dotted action code, e.g. <c>application.submitted</c>, <c>auth.sign-in-failed</c>; see <see cref="AuditActions"/>.</summary>
    public required string Action { get; init; }

    /// <summary>Kind of the main subject, e.g. <c>application</c>, <c>permit</c>, <c>user</c>; see <see cref="AuditSubjectTypes"/>.</summary>
    public string? SubjectType { get; init; }

    /// <summary>Ids of the subjects (main first, then its parents up to the permit), e.g. a run id and its permit id.</summary>
    public IReadOnlyList<string> SubjectIds { get; init; } = [];

    public AuditOutcome Outcome { get; init; } = AuditOutcome.Succeeded;

    /// <summary>Why (a rule code, a checker's reason); never a data value.</summary>
    public string? Reason { get; init; }

    public string? ClientAddress { get; init; }

    /// <summary>
    /// Machine-readable facts about the action, keyed by <see cref="AuditDetailKeys"/>: ids, hashes, codes and
    /// parameters such as a normalised query hash or the privacy budget spent. Null when there are none.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Details { get; init; }

    /// <summary>The detail under <paramref name="key"/>, or null.</summary>
    public string? Detail(string key) => Details is { } d && d.TryGetValue(key, out var value) ? value : null;
}
