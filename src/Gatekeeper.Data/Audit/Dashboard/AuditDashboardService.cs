using System.Globalization;
using Gatekeeper.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Data.Audit.Dashboard;

/// <summary>
/// The console's dashboard aggregates, computed from audit entries by action code (see <see cref="AuditActions"/>)
/// through the read-only <see cref="AuditReadContext"/>: runs per day, refusal reasons, release vs block rate,
/// review lead times against the deadline, top users by runs and privacy budget by permit.
/// </summary>
public sealed class AuditDashboardService(AuditReadContextFactory contexts, IOptions<AuditConsoleOptions> options, TimeProvider time)
{
    private const int TopUsers = 10;
    private const int TopReasons = 20;
    private const int TopPermits = 20;

    public async Task<AuditDashboard> GetAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (to <= from) throw new ArgumentException("The period must end after it starts.", nameof(to));
        var zone = options.Value.ResolveTimeZone();
        await using var db = contexts.Create();
        var window = db.Entries.Where(e => e.At >= from && e.At < to);

        return new AuditDashboard(from, to, zone.Id,
            await RunsPerDayAsync(window, from, to, zone, cancellationToken),
            await RefusalReasonsAsync(window, cancellationToken),
            await ReleaseVsBlockAsync(window, cancellationToken),
            await ReviewLeadTimesAsync(db, window, from, cancellationToken),
            await TopUsersAsync(window, cancellationToken),
            await BudgetByPermitAsync(window, cancellationToken));
    }

    /// <summary>Privacy budget spent by each permit over the period (or all time when both bounds are null).</summary>
    public async Task<IReadOnlyList<PermitBudget>> BudgetAsync(DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var entries = db.Entries.AsQueryable();
        if (from is { } f) entries = entries.Where(e => e.At >= f);
        if (to is { } t) entries = entries.Where(e => e.At < t);
        return await BudgetByPermitAsync(entries, cancellationToken, int.MaxValue);
    }

    private static async Task<IReadOnlyList<DailyRunCount>> RunsPerDayAsync(IQueryable<AuditEntryRow> window, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var runs = await window
            .Where(e => e.Action == AuditActions.RunRequested || e.Action == AuditActions.RunRefused || e.Action == AuditActions.RunCompleted)
            .Select(e => new { e.At, e.Action })
            .ToListAsync(cancellationToken);
        var byDay = runs.GroupBy(r => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.At, zone).DateTime))
            .ToDictionary(g => g.Key, g => new DailyRunCount(g.Key,
                g.Count(r => r.Action == AuditActions.RunRequested),
                g.Count(r => r.Action == AuditActions.RunRefused),
                g.Count(r => r.Action == AuditActions.RunCompleted)));
        var first = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, zone).DateTime);
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(to.AddTicks(-1), zone).DateTime);
        if (last.DayNumber - first.DayNumber > 3660) return [.. byDay.Values.OrderBy(d => d.Day)];
        var days = new List<DailyRunCount>();
        for (var day = first; day <= last; day = day.AddDays(1)) days.Add(byDay.GetValueOrDefault(day) ?? new DailyRunCount(day, 0, 0, 0));
        return days;
    }

    private static async Task<IReadOnlyList<RefusalReasonCount>> RefusalReasonsAsync(IQueryable<AuditEntryRow> window, CancellationToken cancellationToken)
    {
        // Refusals of the permit pipeline; sign-in failures have their own place.
        var refused = await window
            .Where(e => e.Outcome == AuditOutcome.Refused && !e.Action.StartsWith("auth."))
            .GroupBy(e => new { e.Action, e.Reason })
            .Select(g => new { g.Key.Action, g.Key.Reason, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return [.. refused
            .SelectMany(r => Codes(r.Reason).Select(code => (r.Action, Code: code, r.Count)))
            .GroupBy(r => (r.Action, r.Code))
            .Select(g => new RefusalReasonCount(g.Key.Action, g.Key.Code, g.Sum(r => r.Count)))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Action, StringComparer.Ordinal).ThenBy(r => r.Reason, StringComparer.Ordinal)
            .Take(TopReasons)];
    }

    private static IEnumerable<string> Codes(string? reason) =>
        string.IsNullOrWhiteSpace(reason)
            ? ["(none)"]
            : reason.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).DefaultIfEmpty("(none)");

    private static async Task<ReleaseBlockRate> ReleaseVsBlockAsync(IQueryable<AuditEntryRow> window, CancellationToken cancellationToken)
    {
        var decisions = await window.Where(e => e.Action == AuditActions.OutputDecision).Select(e => e.Details).ToListAsync(cancellationToken);
        var checks = await window.Where(e => e.Action == AuditActions.CheckResult)
            .GroupBy(e => e.Outcome).Select(g => new { Outcome = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        string? Decision(Dictionary<string, string>? d) => d is not null && d.TryGetValue(AuditDetailKeys.Decision, out var v) ? v : null;
        return new ReleaseBlockRate(
            decisions.Count(d => Decision(d) == OutputDecisions.Release),
            decisions.Count(d => Decision(d) == OutputDecisions.Block),
            decisions.Count(d => Decision(d) == OutputDecisions.Revise),
            checks.Where(c => c.Outcome == AuditOutcome.Succeeded).Sum(c => c.Count),
            checks.Where(c => c.Outcome == AuditOutcome.Refused).Sum(c => c.Count));
    }

    private async Task<ReviewLeadTimes> ReviewLeadTimesAsync(AuditReadContext db, IQueryable<AuditEntryRow> window, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var months = options.Value.ReviewDeadlineMonths;
        var submissions = await window
            .Where(e => e.Action == AuditActions.ApplicationSubmitted && e.Outcome == AuditOutcome.Succeeded)
            .OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        var firstSubmitted = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var s in submissions)
        {
            if (ApplicationReference(s) is { } reference) firstSubmitted.TryAdd(reference, s.At);
        }

        if (firstSubmitted.Count == 0) return new ReviewLeadTimes(months, [], null, null);
        var references = firstSubmitted.Keys.ToList();

        // Applications first submitted before the period belong to an earlier one.
        var earlier = new List<AuditEntryRow>();
        var decisions = new List<AuditEntryRow>();
        foreach (var chunk in references.Chunk(500))
        {
            var sequences = db.Subjects.Where(s => chunk.Contains(s.SubjectId)).Select(s => s.Sequence);
            earlier.AddRange(await db.Entries.Where(e => sequences.Contains(e.Sequence) && e.Action == AuditActions.ApplicationSubmitted && e.Outcome == AuditOutcome.Succeeded && e.At < from).ToListAsync(cancellationToken));
            decisions.AddRange(await db.Entries.Where(e => sequences.Contains(e.Sequence) && e.Action == AuditActions.ReviewDecision && e.At >= from).OrderBy(e => e.Sequence).ToListAsync(cancellationToken));
        }

        foreach (var e in earlier)
        {
            if (ApplicationReference(e) is { } reference) firstSubmitted.Remove(reference);
        }

        var now = time.GetUtcNow();
        var items = new List<ReviewLeadTime>();
        foreach (var (reference, submittedAt) in firstSubmitted.OrderBy(p => p.Value))
        {
            var deadline = submittedAt.AddMonths(months);
            var decision = decisions.FirstOrDefault(d => ApplicationReference(d) == reference && d.At >= submittedAt
                && d.Details?.GetValueOrDefault(AuditDetailKeys.Decision) is { } code && ReviewDecisionCodes.Final.Contains(code));
            var lead = decision is null ? (TimeSpan?)null : decision.At - submittedAt;
            items.Add(new ReviewLeadTime(reference, submittedAt, deadline, decision?.At, decision?.Details?.GetValueOrDefault(AuditDetailKeys.Decision), lead,
                decision is null ? now > deadline : decision.At > deadline));
        }

        var decided = items.Where(i => i.LeadTime is not null).Select(i => i.LeadTime!.Value).Order().ToList();
        return new ReviewLeadTimes(months, items, Percentile(decided, 0.5), Percentile(decided, 0.9));
    }

    /// <summary>The application reference an entry is about: its detail, or the second subject id of an application entry (version id, reference, "v{n}").</summary>
    internal static string? ApplicationReference(AuditEntryRow e) =>
        e.Details?.GetValueOrDefault(AuditDetailKeys.Application)
        ?? (e.SubjectType == AuditSubjectTypes.Application && e.SubjectIds.Count > 1 ? e.SubjectIds[1] : null);

    private static TimeSpan? Percentile(List<TimeSpan> sorted, double q) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static async Task<IReadOnlyList<UserRunCount>> TopUsersAsync(IQueryable<AuditEntryRow> window, CancellationToken cancellationToken)
    {
        var counts = await window.Where(e => e.Action == AuditActions.RunRequested)
            .GroupBy(e => new { e.ActorId, e.OrganisationId })
            .Select(g => new { g.Key.ActorId, g.Key.OrganisationId, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return [.. counts.GroupBy(c => c.ActorId, StringComparer.Ordinal)
            .Select(g => new UserRunCount(g.Key, g.OrderByDescending(c => c.Count).First().OrganisationId, g.Sum(c => c.Count)))
            .OrderByDescending(u => u.Runs).ThenBy(u => u.ActorId, StringComparer.Ordinal)
            .Take(TopUsers)];
    }

    private static async Task<IReadOnlyList<PermitBudget>> BudgetByPermitAsync(IQueryable<AuditEntryRow> entries, CancellationToken cancellationToken, int top = TopPermits)
    {
        var spends = await entries.Where(e => e.Action == AuditActions.BudgetSpent && e.Outcome == AuditOutcome.Succeeded).Select(e => e.Details).ToListAsync(cancellationToken);
        return [.. spends
            .Where(d => d is not null && d.ContainsKey(AuditDetailKeys.Permit))
            .GroupBy(d => d![AuditDetailKeys.Permit], StringComparer.Ordinal)
            .Select(g => new PermitBudget(g.Key, g.Sum(d => Number(d!, AuditDetailKeys.Epsilon)), g.Sum(d => Number(d!, AuditDetailKeys.Delta)), g.Count()))
            .OrderByDescending(b => b.Epsilon).ThenBy(b => b.PermitId, StringComparer.Ordinal)
            .Take(top)];
    }

    internal static double Number(IReadOnlyDictionary<string, string> details, string key) =>
        details.TryGetValue(key, out var v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
