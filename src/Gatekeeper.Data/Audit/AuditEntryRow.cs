using Gatekeeper.Audit;
using Gatekeeper.Audit.Chain;

namespace Gatekeeper.Data.Audit;

/// <summary>
/// Stored form of an audit entry. It is written, unlinked, in the transaction of the action it records
/// (<see cref="Sequence"/> is its entry number, assigned by the store); the chainer then links it into the hash chain
/// once, setting <see cref="Position"/>, <see cref="PreviousHash"/> and <see cref="Hash"/>. Nothing else ever changes or
/// removes it (archiving aside).
/// </summary>
public sealed class AuditEntryRow
{
    /// <summary>Entry number, assigned by the store when the entry is recorded (increasing, with gaps where an action rolled back).</summary>
    public long Sequence { get; init; }

    /// <summary>Place in the hash chain (1, 2, 3 … without gaps), decided by the chainer; null while the entry is pending.</summary>
    public long? Position { get; init; }

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

    /// <summary>Null while pending.</summary>
    public string? PreviousHash { get; init; }

    /// <summary>Null while pending.</summary>
    public string? Hash { get; init; }

    /// <summary>True until the chainer has linked the entry.</summary>
    public bool IsPending => Position is null;

    /// <summary>A record as written by an action: not yet linked.</summary>
    public static AuditEntryRow Pending(AuditRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new()
        {
            At = r.At, ActorId = r.ActorId, ActorRole = r.ActorRole, OrganisationId = r.OrganisationId, Action = r.Action, SubjectType = r.SubjectType,
            SubjectId = r.SubjectIds.FirstOrDefault(), SubjectIds = [.. r.SubjectIds], Outcome = r.Outcome, Reason = r.Reason, ClientAddress = r.ClientAddress,
            Details = r.Details is { Count: > 0 } d ? new Dictionary<string, string>(d, StringComparer.Ordinal) : null,
        };
    }

    /// <summary>A linked entry as a row (tests and tools that build chains directly); the store assigns the entry number.</summary>
    public static AuditEntryRow From(ChainedEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var row = Pending(e.Record);
        return new()
        {
            Position = e.Sequence, At = row.At, ActorId = row.ActorId, ActorRole = row.ActorRole, OrganisationId = row.OrganisationId, Action = row.Action,
            SubjectType = row.SubjectType, SubjectId = row.SubjectId, SubjectIds = row.SubjectIds, Outcome = row.Outcome, Reason = row.Reason,
            ClientAddress = row.ClientAddress, Details = row.Details, PreviousHash = e.PreviousHash, Hash = e.Hash,
        };
    }

    /// <summary>The record as the action wrote it.</summary>
    public AuditRecord ToRecord() => new()
    {
        At = At, ActorId = ActorId, ActorRole = ActorRole, OrganisationId = OrganisationId, Action = Action,
        SubjectType = SubjectType, SubjectIds = SubjectIds, Outcome = Outcome, Reason = Reason, ClientAddress = ClientAddress,
        Details = Details,
    };

    /// <summary>
    /// The entry at its place in the chain. A pending entry has no place yet: it comes back at position 0 with empty
    /// hashes (its record is complete; check <see cref="IsPending"/> before relying on the link).
    /// </summary>
    public ChainedEntry ToEntry() => new(Position ?? 0, ToRecord(), PreviousHash ?? "", Hash ?? "");

    /// <summary>Each distinct non-empty subject id once, at the position of its first occurrence (the rows of <see cref="AuditEntrySubjectRow"/>).</summary>
    internal static (string[] Ids, int[] Positions) IndexedSubjects(IReadOnlyList<string> subjectIds)
    {
        var ids = new List<string>(subjectIds.Count);
        var positions = new List<int>(subjectIds.Count);
        for (var i = 0; i < subjectIds.Count; i++)
        {
            var id = subjectIds[i];
            if (string.IsNullOrEmpty(id) || ids.Contains(id, StringComparer.Ordinal)) continue;
            ids.Add(id);
            positions.Add(i);
        }

        return ([.. ids], [.. positions]);
    }
}
