namespace Gatekeeper.Data.Audit.Lineage;

/// <summary>A release: its creation and its downloads.</summary>
public sealed record ReleaseLineage(string ReleaseId, IReadOnlyList<AuditEntryView> Created, IReadOnlyList<AuditEntryView> Downloads);
