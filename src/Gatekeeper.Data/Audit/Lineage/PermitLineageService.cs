using Gatekeeper.Audit;
using Gatekeeper.Data.Audit.Dashboard;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Audit.Lineage;

/// <summary>
/// Assembles a permit's lineage from audit entries by subject ids (through the subject index), following the
/// conventions of <see cref="AuditRecords"/>: the permit's entries name its application version and reference; run,
/// output and release entries name their own id first and their parents after it. Entries about the runs, outputs
/// and releases found are gathered too, even when they do not name the permit. Read-only (<see cref="AuditReadContext"/>).
/// </summary>
public sealed class PermitLineageService(AuditReadContextFactory contexts)
{
    public async Task<PermitLineage?> GetAsync(string permitId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(permitId);
        await using var db = contexts.Create();
        var seen = new Dictionary<long, AuditEntryRow>();
        await AddBySubjectsAsync(db, [permitId], seen, cancellationToken);
        if (seen.Count == 0) return null;

        var permitEntries = seen.Values.Where(e => e.Action is AuditActions.PermitIssued or AuditActions.PermitRevoked && e.SubjectIds.FirstOrDefault() == permitId).ToList();
        var reference = permitEntries.Select(Reference).FirstOrDefault(r => r is not null);
        if (reference is not null) await AddBySubjectsAsync(db, [reference], seen, cancellationToken);

        var versionIds = seen.Values.Where(e => e.SubjectType == AuditSubjectTypes.Application && Reference(e) == reference && e.SubjectIds.Count > 0)
            .Select(e => e.SubjectIds[0]).Distinct(StringComparer.Ordinal).ToList();
        var childIds = seen.Values.Where(e => e.SubjectType is AuditSubjectTypes.Run or AuditSubjectTypes.Output or AuditSubjectTypes.Release && e.SubjectIds.Count > 0)
            .Select(e => e.SubjectIds[0]).Distinct(StringComparer.Ordinal).ToList();
        await AddBySubjectsAsync(db, [.. versionIds, .. childIds], seen, cancellationToken);

        // One more level: outputs and releases found through runs that did not name the permit.
        var more = seen.Values.Where(e => e.SubjectType is AuditSubjectTypes.Output or AuditSubjectTypes.Release && e.SubjectIds.Count > 0)
            .Select(e => e.SubjectIds[0]).Except(childIds, StringComparer.Ordinal).Distinct(StringComparer.Ordinal).ToList();
        if (more.Count > 0) await AddBySubjectsAsync(db, more, seen, cancellationToken);

        return Assemble(permitId, reference, [.. seen.Values.OrderBy(e => e.Sequence)]);
    }

    private static PermitLineage Assemble(string permitId, string? reference, List<AuditEntryRow> entries)
    {
        var placed = new HashSet<long>();
        List<AuditEntryView> Take(IEnumerable<AuditEntryRow> rows) => [.. rows.Where(r => placed.Add(r.Sequence)).Select(AuditEntryView.From)];

        var permit = Take(entries.Where(e => e.Action is AuditActions.PermitIssued or AuditActions.PermitRevoked && e.SubjectIds.FirstOrDefault() == permitId));
        var versions = entries.Where(e => e.SubjectType == AuditSubjectTypes.Application && e.SubjectIds.Count > 0 && reference is not null && Reference(e) == reference)
            .GroupBy(e => e.SubjectIds[0], StringComparer.Ordinal)
            .Select(g => new ApplicationVersionLineage(g.Key, g.Select(e => e.SubjectIds.Count > 2 ? e.SubjectIds[2] : null).FirstOrDefault(v => v is not null), Take(g)))
            .OrderBy(v => v.Entries.Count > 0 ? v.Entries[0].Sequence : long.MaxValue)
            .ToList();
        var versionIds = versions.Select(v => v.VersionId).ToHashSet(StringComparer.Ordinal);
        var reviews = Take(entries.Where(e => e.Action is AuditActions.ReviewDecision or AuditActions.WorkflowTransition
            && (Reference(e) == reference || e.SubjectIds.Any(versionIds.Contains))));
        var budgetEntries = Take(entries.Where(e => e.Action == AuditActions.BudgetSpent && e.Details?.GetValueOrDefault(AuditDetailKeys.Permit) == permitId));

        var releases = entries.Where(e => e.SubjectType == AuditSubjectTypes.Release && e.SubjectIds.Count > 0)
            .GroupBy(e => e.SubjectIds[0], StringComparer.Ordinal)
            .Select(g => (
                Id: g.Key,
                Outputs: g.Where(e => e.Action == AuditActions.ReleaseCreated).SelectMany(e => e.SubjectIds.Skip(1).SkipLast(1)).ToHashSet(StringComparer.Ordinal),
                Rows: g.ToList()))
            .ToList();
        ReleaseLineage ReleaseOf((string Id, HashSet<string> Outputs, List<AuditEntryRow> Rows) r) =>
            new(r.Id, [.. r.Rows.Where(e => e.Action != AuditActions.ReleaseDownloaded).Select(AuditEntryView.From)],
                [.. r.Rows.Where(e => e.Action == AuditActions.ReleaseDownloaded).Select(AuditEntryView.From)]);

        var outputs = entries.Where(e => e.SubjectType == AuditSubjectTypes.Output && e.SubjectIds.Count > 0)
            .GroupBy(e => e.SubjectIds[0], StringComparer.Ordinal)
            .Select(g => (Id: g.Key, Run: g.Select(RunOf).FirstOrDefault(r => r is not null), Rows: g.ToList()))
            .ToList();
        var usedReleases = new HashSet<string>(StringComparer.Ordinal);
        OutputLineage OutputOf((string Id, string? Run, List<AuditEntryRow> Rows) o)
        {
            var mine = releases.Where(r => r.Outputs.Contains(o.Id)).ToList();
            foreach (var r in mine)
            {
                usedReleases.Add(r.Id);
                foreach (var row in r.Rows) placed.Add(row.Sequence);
            }

            return new OutputLineage(o.Id,
                Take(o.Rows.Where(e => e.Action == AuditActions.CheckResult)),
                Take(o.Rows.Where(e => e.Action != AuditActions.CheckResult)),
                [.. mine.Select(ReleaseOf)]);
        }

        var runs = entries.Where(e => e.SubjectType == AuditSubjectTypes.Run && e.SubjectIds.Count > 0)
            .GroupBy(e => e.SubjectIds[0], StringComparer.Ordinal)
            .Select(g => new RunLineage(g.Key, Take(g), [.. outputs.Where(o => o.Run == g.Key).Select(OutputOf)]))
            .ToList();
        var runIds = runs.Select(r => r.RunId).ToHashSet(StringComparer.Ordinal);
        foreach (var orphan in outputs.Where(o => o.Run is null || !runIds.Contains(o.Run)).GroupBy(o => o.Run ?? "(unknown run)"))
            runs.Add(new RunLineage(orphan.Key, [], [.. orphan.Select(OutputOf)]));
        var looseReleases = releases.Where(r => !usedReleases.Contains(r.Id)).Select(r =>
        {
            foreach (var row in r.Rows) placed.Add(row.Sequence);
            return ReleaseOf(r);
        }).ToList();

        var budget = new PermitBudget(permitId,
            budgetEntries.Sum(e => e.Details is { } d ? AuditDashboardService.Number(d, AuditDetailKeys.Epsilon) : 0),
            budgetEntries.Sum(e => e.Details is { } d ? AuditDashboardService.Number(d, AuditDetailKeys.Delta) : 0),
            budgetEntries.Count);
        var other = Take(entries);
        return new PermitLineage(permitId, reference, versions, reviews, permit, runs, looseReleases, budget, budgetEntries, other);
    }

    private static string? Reference(AuditEntryRow e) =>
        AuditDashboardService.ApplicationReference(e)
        ?? (e.SubjectType == AuditSubjectTypes.Permit && e.SubjectIds.Count > 2 ? e.SubjectIds[2] : null);

    private static string? RunOf(AuditEntryRow e) =>
        e.Details?.GetValueOrDefault(AuditDetailKeys.Run) ?? (e.SubjectIds.Count > 2 ? e.SubjectIds[1] : null);

    private static async Task AddBySubjectsAsync(AuditReadContext db, IReadOnlyList<string> ids, Dictionary<long, AuditEntryRow> seen, CancellationToken cancellationToken)
    {
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var sequences = db.Subjects.Where(s => chunk.Contains(s.SubjectId)).Select(s => s.Sequence);
            var rows = await db.Entries.Where(e => sequences.Contains(e.Sequence)).ToListAsync(cancellationToken);
            foreach (var row in rows) seen.TryAdd(row.Sequence, row);
        }
    }
}
