using Gatekeeper.Audit;
using Gatekeeper.Audit.Chain;
using Gatekeeper.Audit.Checkpoints;
using Gatekeeper.Data;
using Gatekeeper.Data.Audit;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Benchmarks.Audit;

/// <summary>
/// Baseline only: the writer the product used before the chainer (issue 9's first step), kept here to measure against
/// in the same run. Each append takes the chain's lock (PostgreSQL advisory lock; SQLite's write lock), reads the head,
/// links the entry and signs a due checkpoint, all inside the action's transaction, so the lock is held to its commit.
/// </summary>
internal sealed class LockedAppendBaseline(IDbContextFactory<GatekeeperDbContext> factory, CheckpointSigner signer, int checkpointEvery)
{
    private const long AdvisoryLockKey = 0x4741_5445_4b50;

    /// <summary>Appends in a transaction of its own; returns the milliseconds the append took inside the transaction (lock wait included, commit not).</summary>
    public async Task<double> AppendInOwnTransactionAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var clock = System.Diagnostics.Stopwatch.GetTimestamp();
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
        record = record with { At = AuditTrail.Storable(record.At) };
        var head = await db.Set<AuditEntryRow>().AsNoTracking().Where(e => e.Position != null).OrderByDescending(e => e.Position)
            .Select(e => new { e.Position, e.Hash }).FirstAsync(cancellationToken);
        var entry = EntryHasher.Link(head.Position!.Value + 1, record, head.Hash!);
        var row = AuditEntryRow.From(entry);
        db.Set<AuditEntryRow>().Add(row);
        await db.SaveChangesAsync(cancellationToken);
        for (var i = 0; i < record.SubjectIds.Count; i++)
            db.Set<AuditEntrySubjectRow>().Add(new AuditEntrySubjectRow { Sequence = row.Sequence, Position = i, SubjectId = record.SubjectIds[i] });
        if (entry.Sequence % checkpointEvery == 0)
            db.Set<AuditCheckpointRow>().Add(AuditCheckpointRow.From(signer.Sign(entry.Sequence, entry.Hash, record.At)));
        await db.SaveChangesAsync(cancellationToken);
        var append = System.Diagnostics.Stopwatch.GetElapsedTime(clock).TotalMilliseconds;
        await tx.CommitAsync(cancellationToken);
        return append;
    }
}
