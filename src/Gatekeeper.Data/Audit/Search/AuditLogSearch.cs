using Gatekeeper.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Data.Audit.Search;

/// <summary>
/// Server-side paged, filtered search over the live log for the audit console, through the read-only
/// <see cref="AuditReadContext"/> (it cannot write). Filters run in the database on indexed columns (time, actor,
/// organisation, action, any subject id via the subject index); the reason text filter is a LIKE scan, best combined
/// with another filter, and its matches are not counted. Entries are listed by entry number, newest first, whether
/// linked or still pending the chain (<see cref="AuditEntryView.IsPending"/>).
/// </summary>
public sealed class AuditLogSearch(AuditReadContextFactory contexts, IOptions<AuditConsoleOptions> options)
{
    /// <summary>The action codes the log uses, for a filter drop-down.</summary>
    public static IReadOnlyList<string> KnownActions { get; } =
        [.. typeof(AuditActions).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal)];

    public async Task<AuditSearchPage> SearchAsync(AuditSearchQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var size = Math.Clamp(query.PageSize, 1, options.Value.MaxPageSize);
        var pageIndex = Math.Max(0, query.PageIndex);
        await using var db = contexts.Create();
        var filtered = Filter(db, query);
        var page = filtered;
        if (query.BeforeSequence is { } before) page = page.Where(e => e.Sequence < before);
        // Times are the actions' own and only roughly follow the entry numbers (concurrent actions commit in any order), so a
        // time range cannot become a number range. With a time range the page is found through the (At, Sequence) index
        // and sorted; "+ 0" keeps the planner from walking the primary key backwards past every newer entry instead.
        page = query.From is not null || query.To is not null
            ? page.OrderByDescending(e => e.Sequence + 0)
            : page.OrderByDescending(e => e.Sequence);
        if (query.BeforeSequence is null && pageIndex > 0) page = page.Skip(pageIndex * size);
        var rows = await page.Take(size + 1).ToListAsync(cancellationToken);
        var hasMore = rows.Count > size;
        if (hasMore) rows.RemoveAt(rows.Count - 1);

        long? total = null;
        var lowerBound = false;
        // A free-text filter is a scan: the page is found quickly, counting all matches is not, so it is not counted.
        if (!query.WithoutCount && Clean(query.Text) is null)
        {
            var limit = options.Value.CountLimit;
            total = await filtered.Take(limit + 1).CountAsync(cancellationToken);
            if (total > limit)
            {
                total = limit;
                lowerBound = true;
            }
        }

        return new AuditSearchPage([.. rows.Select(AuditEntryView.From)], pageIndex, size, total, lowerBound, hasMore ? rows[^1].Sequence : null);
    }

    /// <summary>One entry by its entry number, or null (not in the live table).</summary>
    public async Task<AuditEntryView?> GetAsync(long sequence, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var row = await db.Entries.FirstOrDefaultAsync(e => e.Sequence == sequence, cancellationToken);
        return row is null ? null : AuditEntryView.From(row);
    }

    /// <summary>One entry by its position in the chain (what the verifier reports), or null (not in the live table).</summary>
    public async Task<AuditEntryView?> GetAtPositionAsync(long position, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var row = await db.Entries.FirstOrDefaultAsync(e => e.Position == position, cancellationToken);
        return row is null ? null : AuditEntryView.From(row);
    }

    private static IQueryable<AuditEntryRow> Filter(AuditReadContext db, AuditSearchQuery q)
    {
        var entries = db.Entries;
        if (q.From is { } from) entries = entries.Where(e => e.At >= from);
        if (q.To is { } to) entries = entries.Where(e => e.At < to);
        if (Clean(q.ActorId) is { } actor) entries = entries.Where(e => e.ActorId == actor);
        if (Clean(q.Role) is { } role) entries = entries.Where(e => e.ActorRole == role);
        if (Clean(q.OrganisationId) is { } org) entries = entries.Where(e => e.OrganisationId == org);
        if (Clean(q.Action) is { } action)
        {
            if (action.EndsWith('.') || action.EndsWith('*'))
            {
                var prefix = action.TrimEnd('*');
                entries = entries.Where(e => e.Action.StartsWith(prefix));
            }
            else
            {
                entries = entries.Where(e => e.Action == action);
            }
        }

        if (Clean(q.SubjectId) is { } subject)
        {
            // Driven from the subject index, in sequence order (each subject is indexed once per entry).
            entries = db.Subjects.Where(s => s.SubjectId == subject).Join(entries, s => s.Sequence, e => e.Sequence, (_, e) => e);
        }

        if (q.Outcome is { } outcome) entries = entries.Where(e => e.Outcome == outcome);
        if (Clean(q.Text) is { } text)
        {
            var pattern = "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            entries = db.Database.IsNpgsql()
                ? entries.Where(e => e.Reason != null && EF.Functions.ILike(e.Reason, pattern, "\\"))
                : entries.Where(e => e.Reason != null && EF.Functions.Like(e.Reason, pattern, "\\"));
        }

        return entries;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
