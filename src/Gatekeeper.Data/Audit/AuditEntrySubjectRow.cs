namespace Gatekeeper.Data.Audit;

/// <summary>
/// Index of every subject id of every entry (the hashed entry keeps the list itself), so the lineage view and the
/// console's subject filter find entries by any of their subjects with an index lookup.
/// </summary>
public sealed class AuditEntrySubjectRow
{
    public long Sequence { get; init; }

    /// <summary>Position in the entry's subject ids (0 = main subject).</summary>
    public int Position { get; init; }

    public required string SubjectId { get; init; }
}
