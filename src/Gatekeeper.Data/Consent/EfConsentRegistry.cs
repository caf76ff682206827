using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gatekeeper.Audit;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Ingest;
using Gatekeeper.Ingest.Consent;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Consent;

/// <summary>
/// The consent registry in the gatekeeper's store (SQLite or PostgreSQL): append-only rows, de-duplicated by a unique
/// index, each addition audited (<see cref="AuditActions.ConsentChanged"/>) in the same transaction. "Who is excluded
/// for purpose P at time T" is one query: the latest decision in force per person and scope, kept when it excludes.
/// </summary>
public sealed class EfConsentRegistry(IDbContextFactory<GatekeeperDbContext> factory, AuditTrail audit, TimeProvider time) : IConsentRegistry
{
    /// <summary>Pseudonyms per IN (…) list when looking for decisions already recorded.</summary>
    private const int LookupBatch = 500;

    public async Task<int> AddAsync(string datasetId, IReadOnlyCollection<ConsentEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetId);
        if (events.Count == 0) return 0;
        var source = events.Select(e => e.Source).FirstOrDefault(s => s.Length > 0) ?? "unknown";
        var sourceId = source.Contains(':', StringComparison.Ordinal) ? source[(source.IndexOf(':', StringComparison.Ordinal) + 1)..] : source;
        return await AddAsync(datasetId, events, IngestActor.Current, Truncate(sourceId, 64), null, cancellationToken);
    }

    /// <summary>Adds decisions and their audit entry in one transaction; <paramref name="decision"/> and purpose go into the entry for single edits.</summary>
    internal async Task<int> AddAsync(string datasetId, IReadOnlyCollection<ConsentEvent> events, AuditActor actor, string sourceId, ConsentEvent? single, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            var fresh = await NewEventsAsync(db, datasetId, events, cancellationToken);
            if (fresh.Count == 0) return 0;
            var now = time.GetUtcNow();
            db.ConsentEvents.AddRange(fresh.Select(e => ToRow(datasetId, e, now)));
            await audit.AppendAsync(db, AuditRecords.ConsentChanged(now, actor, datasetId, sourceId, Hash(fresh), fresh.Count,
                single is null ? null : ActionCode(single.Action), single?.PurposeCode), cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await tx.CommitAsync(cancellationToken);
                return fresh.Count;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // The same decision was added at the same moment by another writer: roll back and look again.
                await tx.RollbackAsync(cancellationToken);
            }
        }
    }

    public async Task<IReadOnlyList<ConsentEvent>> GetEventsAsync(string datasetId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ConsentEvents.AsNoTracking().Where(e => e.DatasetId == datasetId).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(ToEvent)];
    }

    public async Task<IReadOnlySet<string>> GetExcludedPersonsAsync(string datasetId, string purposeCode, DateTimeOffset runTime, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purposeCode);
        var at = JapanTime.ToLocal(runTime);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var excluded = await LatestInForce(db, datasetId, at)
            .Where(e => e.PurposeCode == "" || e.PurposeCode == purposeCode)
            .Where(e => e.Action == (int)ConsentAction.OptOut || e.Action == (int)ConsentAction.Refusal)
            .Select(e => e.Pseudonym)
            .Distinct()
            .ToListAsync(cancellationToken);
        return excluded.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Per person and scope (all use = purpose "", or one purpose), the decision in force at <paramref name="atJst"/>:
    /// effective by then, and no other decision of the same scope effective by then that is later (greater effective
    /// time, then greater update time, then recorded first) — the rule of <see cref="ConsentFilter"/>.
    /// </summary>
    internal static IQueryable<ConsentEventRow> LatestInForce(GatekeeperDbContext db, string datasetId, DateTime atJst) =>
        db.ConsentEvents.AsNoTracking()
            .Where(e => e.DatasetId == datasetId && e.EffectiveFrom <= atJst)
            .Where(e => !db.ConsentEvents.Any(l =>
                l.DatasetId == e.DatasetId && l.Pseudonym == e.Pseudonym && l.PurposeCode == e.PurposeCode && l.EffectiveFrom <= atJst
                && (l.EffectiveFrom > e.EffectiveFrom
                    || (l.EffectiveFrom == e.EffectiveFrom && (l.UpdateTime > e.UpdateTime || (l.UpdateTime == e.UpdateTime && l.Id < e.Id))))));

    internal static ConsentEvent ToEvent(ConsentEventRow row) => new()
    {
        Pseudonym = row.Pseudonym,
        Action = (ConsentAction)row.Action,
        PurposeCode = row.PurposeCode.Length == 0 ? null : row.PurposeCode,
        EffectiveFrom = row.EffectiveFrom,
        UpdateTime = row.UpdateTime,
        Source = row.Source,
    };

    internal static string ActionCode(ConsentAction action) => action switch
    {
        ConsentAction.OptOut => "opt-out",
        ConsentAction.OptOutWithdrawn => "opt-out-withdrawn",
        ConsentAction.Consent => "consent",
        ConsentAction.Refusal => "refusal",
        _ => "unknown",
    };

    private static async Task<List<ConsentEvent>> NewEventsAsync(GatekeeperDbContext db, string datasetId, IReadOnlyCollection<ConsentEvent> events, CancellationToken cancellationToken)
    {
        var known = new HashSet<(string, ConsentAction, string?, DateTime, DateTime)>();
        foreach (var batch in events.Select(e => e.Pseudonym).Distinct(StringComparer.Ordinal).Chunk(LookupBatch))
        {
            var rows = await db.ConsentEvents.AsNoTracking()
                .Where(e => e.DatasetId == datasetId && batch.Contains(e.Pseudonym))
                .ToListAsync(cancellationToken);
            foreach (var row in rows) known.Add(ToEvent(row).Key);
        }

        return [.. events.Where(e => known.Add(e.Key))];
    }

    private static ConsentEventRow ToRow(string datasetId, ConsentEvent e, DateTimeOffset now) => new()
    {
        DatasetId = datasetId,
        Pseudonym = e.Pseudonym,
        Action = (int)e.Action,
        PurposeCode = e.IsOptOutScope ? "" : e.PurposeCode ?? "",
        EffectiveFrom = DateTime.SpecifyKind(e.EffectiveFrom, DateTimeKind.Unspecified),
        UpdateTime = DateTime.SpecifyKind(e.UpdateTime, DateTimeKind.Unspecified),
        Source = Truncate(e.Source, 128),
        RecordedAt = now,
    };

    /// <summary>SHA-256 over the added decisions' content in order: identifies the change without naming anyone.</summary>
    private static string Hash(IEnumerable<ConsentEvent> events)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var e in events)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(string.Join('|', e.Pseudonym, (int)e.Action, e.PurposeCode ?? "",
                e.EffectiveFrom.Ticks.ToString(CultureInfo.InvariantCulture), e.UpdateTime.Ticks.ToString(CultureInfo.InvariantCulture)) + "\n"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
