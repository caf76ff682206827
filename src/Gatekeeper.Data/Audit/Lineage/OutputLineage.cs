namespace Gatekeeper.Data.Audit.Lineage;

/// <summary>An output of a run: its automated checks, the checkers' decisions and the releases it went into.</summary>
public sealed record OutputLineage(string OutputId, IReadOnlyList<AuditEntryView> Checks, IReadOnlyList<AuditEntryView> Decisions, IReadOnlyList<ReleaseLineage> Releases);
