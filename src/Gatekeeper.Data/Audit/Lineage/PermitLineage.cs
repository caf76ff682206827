using Gatekeeper.Data.Audit.Dashboard;

namespace Gatekeeper.Data.Audit.Lineage;

/// <summary>
/// Everything the log holds about one permit, on one page: application versions → reviews and decision → permit
/// → runs → automated checks → checkers' decisions → releases → downloads, plus the privacy budget it spent.
/// <see cref="Other"/> holds entries about the permit that fit none of these (shown, never hidden).
/// </summary>
public sealed record PermitLineage(
    string PermitId,
    string? ApplicationReference,
    IReadOnlyList<ApplicationVersionLineage> ApplicationVersions,
    IReadOnlyList<AuditEntryView> Reviews,
    IReadOnlyList<AuditEntryView> Permit,
    IReadOnlyList<RunLineage> Runs,
    IReadOnlyList<ReleaseLineage> ReleasesWithoutKnownOutput,
    PermitBudget Budget,
    IReadOnlyList<AuditEntryView> BudgetEntries,
    IReadOnlyList<AuditEntryView> Other);
