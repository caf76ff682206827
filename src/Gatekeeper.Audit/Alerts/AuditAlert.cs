using Gatekeeper.Audit.Chain;

namespace Gatekeeper.Audit.Alerts;

/// <summary>
/// A suspicious pattern found in the log, explained: what it is, whom it concerns, and the entries that
/// triggered it (<see cref="Evidence"/>, in chain order) so an auditor can check it against the log.
/// </summary>
public sealed record AuditAlert(
    string Kind,
    string Title,
    string Explanation,
    string? PermitId,
    string? ActorId,
    DateTimeOffset FirstAt,
    DateTimeOffset LastAt,
    IReadOnlyList<ChainedEntry> Evidence);
