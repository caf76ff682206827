namespace Gatekeeper.Data.Audit.Lineage;

/// <summary>A run under the permit: requested, refused or completed, and its outputs.</summary>
public sealed record RunLineage(string RunId, IReadOnlyList<AuditEntryView> Entries, IReadOnlyList<OutputLineage> Outputs);
