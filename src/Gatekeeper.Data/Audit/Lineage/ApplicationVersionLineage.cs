namespace Gatekeeper.Data.Audit.Lineage;

/// <summary>One version of the application behind a permit, with its entries (created, submitted, superseded …).</summary>
public sealed record ApplicationVersionLineage(string VersionId, string? Version, IReadOnlyList<AuditEntryView> Entries);
