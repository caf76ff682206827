using System.Data.Common;
using Gatekeeper.Audit.Chain;
using Gatekeeper.Audit.Checkpoints;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Data.Audit.Chaining;

/// <summary>
/// Links committed, pending audit entries into the hash chain. Actions write their entries unlinked in their own
/// transactions (no global lock); the chainer, one at a time across every process on the store (PostgreSQL: the
/// chain's advisory lock; SQLite: the write lock), takes the pending entries it can see — committed ones only — in
/// entry-number order, gives them the next chain positions, hashes and links them, signs the checkpoints that fall
/// due, and commits all of it as one transaction: many entries per transaction (group linking).
/// <para>
/// The chain order is the chainer's: an entry whose transaction committed after a later-numbered one was linked
/// simply gets a later position in the next round. Nothing waits for gaps in the entry numbers (rolled back actions
/// leave them), and no entry of an unfinished transaction can be seen, so none is ever skipped or linked twice. Each
/// link is an update of a still-pending row; if any row was linked meanwhile (a second chainer, which the lock rules
/// out) the count differs and the whole round rolls back; the unique index on the position refuses a fork as well.
/// </para>
/// </summary>
public sealed class AuditChainer(IOptions<AuditOptions> options, CheckpointSigner signer, IDbContextFactory<GatekeeperDbContext> factory, TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _requested;
    private long _coveredThrough;

    /// <summary>
    /// Links every entry committed before this call (and whatever else is pending) and returns when they are in the chain;
    /// returns how many entries this call linked. Concurrent callers share rounds: a caller whose entries a round that
    /// started after its call already linked returns at once.
    /// </summary>
    public async Task<int> LinkPendingAsync(CancellationToken cancellationToken)
    {
        var ticket = Interlocked.Increment(ref _requested);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Volatile.Read(ref _coveredThrough) >= ticket) return 0;
            var covered = Volatile.Read(ref _requested);
            var linked = await LinkAllAsync(cancellationToken);
            Volatile.Write(ref _coveredThrough, covered);
            return linked;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<int> LinkAllAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var linked = await LinkBatchAsync(cancellationToken);
            total += linked;
            if (linked < options.Value.LinkBatchSize) return total;
        }
    }

    private async Task<int> LinkBatchAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entries = db.Set<AuditEntryRow>().AsNoTracking();
        // A cheap look first, so an idle poll takes no lock.
        if (!await entries.AnyAsync(e => e.Position == null, cancellationToken)) return 0;

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await AuditTrail.LockChainAsync(db, cancellationToken);
        var batch = await entries.Where(e => e.Position == null).OrderBy(e => e.Sequence).Take(options.Value.LinkBatchSize).ToListAsync(cancellationToken);
        if (batch.Count == 0) return 0;

        var head = await entries.Where(e => e.Position != null).OrderByDescending(e => e.Position)
            .Select(e => new { e.Position, e.Hash }).FirstOrDefaultAsync(cancellationToken);
        var anchor = head is null ? await ArchiveAnchorAsync(db, cancellationToken) : null;
        var position = head?.Position + 1 ?? anchor?.FirstSequence ?? 1;
        var previous = head?.Hash ?? anchor?.PreviousHash ?? ChainedEntry.Genesis;
        var lastCheckpoint = await db.Set<AuditCheckpointRow>().AsNoTracking().OrderByDescending(c => c.Sequence)
            .Select(c => (DateTimeOffset?)c.At).FirstOrDefaultAsync(cancellationToken);

        var now = AuditTrail.Storable(time.GetUtcNow());
        var every = options.Value.CheckpointEveryEntries;
        var links = new List<ChainLink>(batch.Count);
        var checkpoints = new List<AuditCheckpointRow>();
        for (var i = 0; i < batch.Count; i++, position++)
        {
            var entry = EntryHasher.Link(position, batch[i].ToRecord(), previous);
            links.Add(new ChainLink(batch[i].Sequence, position, previous, entry.Hash));
            previous = entry.Hash;
            var dueByTime = i == batch.Count - 1 && (lastCheckpoint is null || now - lastCheckpoint.Value >= options.Value.CheckpointEvery);
            if (position % every == 0 || dueByTime)
            {
                checkpoints.Add(AuditCheckpointRow.From(signer.Sign(position, entry.Hash, now)));
                lastCheckpoint = now;
            }
        }

        var updated = db.Database.IsNpgsql() ? await UpdatePostgresAsync(db, links, cancellationToken) : await UpdateSqliteAsync(db, links, cancellationToken);
        if (updated != links.Count)
            throw new InvalidOperationException($"Audit chainer: {links.Count - updated} of {links.Count} pending entries were linked by someone else meanwhile; nothing was linked.");
        db.Set<AuditCheckpointRow>().AddRange(checkpoints);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return links.Count;
    }

    private static async Task<int> UpdatePostgresAsync(GatekeeperDbContext db, List<ChainLink> links, CancellationToken cancellationToken)
    {
        // One statement for the whole batch.
        await using var command = Command(db,
            "UPDATE audit_entries AS e SET \"Position\" = v.p, \"PreviousHash\" = v.ph, \"Hash\" = v.h " +
            "FROM unnest(@s, @p, @ph, @h) AS v(s, p, ph, h) WHERE e.\"Sequence\" = v.s AND e.\"Position\" IS NULL");
        Add(command, "@s", links.Select(l => l.Sequence).ToArray());
        Add(command, "@p", links.Select(l => l.Position).ToArray());
        Add(command, "@ph", links.Select(l => l.PreviousHash).ToArray());
        Add(command, "@h", links.Select(l => l.Hash).ToArray());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<int> UpdateSqliteAsync(GatekeeperDbContext db, List<ChainLink> links, CancellationToken cancellationToken)
    {
        await using var command = Command(db,
            "UPDATE audit_entries SET \"Position\" = @p, \"PreviousHash\" = @ph, \"Hash\" = @h WHERE \"Sequence\" = @s AND \"Position\" IS NULL");
        var s = Add(command, "@s", 0L);
        var p = Add(command, "@p", 0L);
        var ph = Add(command, "@ph", "");
        var h = Add(command, "@h", "");
        var updated = 0;
        foreach (var link in links)
        {
            s.Value = link.Sequence;
            p.Value = link.Position;
            ph.Value = link.PreviousHash;
            h.Value = link.Hash;
            updated += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return updated;
    }

    private static DbCommand Command(GatekeeperDbContext db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    private static DbParameter Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>Where the live chain continues after archiving, when no live entry is linked.</summary>
    private static async Task<ChainAnchor?> ArchiveAnchorAsync(GatekeeperDbContext db, CancellationToken cancellationToken)
    {
        var last = await db.Set<AuditArchiveRow>().AsNoTracking().OrderByDescending(a => a.LastSequence)
            .Select(a => new { a.LastSequence, a.LastHash }).FirstOrDefaultAsync(cancellationToken);
        return last is null ? null : new ChainAnchor(last.LastSequence + 1, last.LastHash);
    }

    private sealed record ChainLink(long Sequence, long Position, string PreviousHash, string Hash);
}
