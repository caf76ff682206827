using Gatekeeper.Audit;
using Gatekeeper.Audit.Chain;

namespace Gatekeeper.Data.Audit;

/// <summary>Stored form of a chained audit entry (append-only; never updated or deleted by the application).</summary>
public sealed class AuditEntryRow
{
    public long Sequence { get; init; }

    public DateTimeOffset At { get; init; }

    public required string ActorId { get; init; }

    public string? ActorRole { get; init; }

    public string? OrganisationId { get; init; }

    public required string Action { get; init; }

    public string? SubjectType { get; init; }

    /// <summary>First subject id, indexed for lineage and console filters.</summary>
    public string? SubjectId { get; init; }

    public List<string> SubjectIds { get; init; } = [];

    public AuditOutcome Outcome { get; init; }

    public string? Reason { get; init; }

    public string? ClientAddress { get; init; }

    /// <summary>The record's details (ids, hashes, codes), stored as JSON; null when none.</summary>
    public Dictionary<string, string>? Details { get; init; }

    public required string PreviousHash { get; init; }

    public required string Hash { get; init; }

    public static AuditEntryRow From(ChainedEntry e) => new()
    {
        Sequence = e.Sequence, At = e.Record.At, ActorId = e.Record.ActorId, ActorRole = e.Record.ActorRole,
        OrganisationId = e.Record.OrganisationId, Action = e.Record.Action, SubjectType = e.Record.SubjectType,
        SubjectId = e.Record.SubjectIds.FirstOrDefault(), SubjectIds = [.. e.Record.SubjectIds], Outcome = e.Record.Outcome,
        Reason = e.Record.Reason, ClientAddress = e.Record.ClientAddress,
        Details = e.Record.Details is { Count: > 0 } d ? new Dictionary<string, string>(d, StringComparer.Ordinal) : null,
        PreviousHash = e.PreviousHash, Hash = e.Hash,
    };

    public ChainedEntry ToEntry() => new(Sequence, new AuditRecord
    {
        At = At, ActorId = ActorId, ActorRole = ActorRole, OrganisationId = OrganisationId, Action = Action,
        SubjectType = SubjectType, SubjectIds = SubjectIds, Outcome = Outcome, Reason = Reason, ClientAddress = ClientAddress,
        Details = Details,
    }, PreviousHash, Hash);
}
