using Gatekeeper.Audit;

namespace Gatekeeper.Data.Audit;

/// <summary>
/// An audit entry as the console shows it: who, what, to which subjects, how it ended and why — ids, codes
/// and outcomes only; the log never holds data values. <see cref="Sequence"/> is the entry number; <see cref="Position"/>,
/// <see cref="PreviousHash"/> and <see cref="Hash"/> are the chain link, empty while the entry is pending the chain.
/// </summary>
public sealed record AuditEntryView(
    long Sequence,
    DateTimeOffset At,
    string ActorId,
    string? ActorRole,
    string? OrganisationId,
    string Action,
    string? SubjectType,
    IReadOnlyList<string> SubjectIds,
    AuditOutcome Outcome,
    string? Reason,
    string? ClientAddress,
    IReadOnlyDictionary<string, string>? Details,
    string PreviousHash,
    string Hash)
{
    /// <summary>Place in the hash chain; null while the entry is pending (committed, not yet linked by the chainer).</summary>
    public long? Position { get; init; }

    public bool IsPending => Position is null;

    public string? Detail(string key) => Details is { } d && d.TryGetValue(key, out var v) ? v : null;

    public static AuditEntryView From(AuditEntryRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.Sequence, row.At, row.ActorId, row.ActorRole, row.OrganisationId, row.Action, row.SubjectType, row.SubjectIds,
            row.Outcome, row.Reason, row.ClientAddress, row.Details, row.PreviousHash ?? "", row.Hash ?? "") { Position = row.Position };
    }

    public static AuditEntryView From(Gatekeeper.Audit.Chain.ChainedEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var r = entry.Record;
        return new(entry.Sequence, r.At, r.ActorId, r.ActorRole, r.OrganisationId, r.Action, r.SubjectType, r.SubjectIds, r.Outcome, r.Reason, r.ClientAddress, r.Details, entry.PreviousHash, entry.Hash) { Position = entry.Sequence };
    }
}
