using Gatekeeper.Audit;
using Gatekeeper.Audit.Chain;
using Gatekeeper.Audit.Checkpoints;
using Microsoft.EntityFrameworkCore;
using Gatekeeper.Data.Audit.Verification;
using Gatekeeper.Data.Audit.Chaining;

namespace Gatekeeper.Data.Audit;

/// <summary>
/// Writes audit entries inside the caller's transaction, so an action and its entry commit or roll back together.
/// The entry is written <em>unlinked</em> (no lock, no read of the chain's head: concurrent actions never wait for each
/// other here); the <see cref="AuditChainer"/> links committed entries into the hash chain moments later, one chainer
/// at a time, and signs the checkpoints. <see cref="RecordAsync"/> (an action of its own) returns once its entry is linked.
/// </summary>
public sealed class AuditTrail(CheckpointSigner signer, IDbContextFactory<GatekeeperDbContext> factory, AuditStoreVerifier verifier, AuditChainer chainer)
{
    /// <summary>The advisory lock every writer of the chain (the chainer, archiving) holds on PostgreSQL.</summary>
    internal const long AdvisoryLockKey = 0x4741_5445_4b50; // "GATEKP"

    public string SigningKeyId => signer.KeyId;

    public string SigningPublicKey => signer.PublicKey;

    /// <summary>
    /// Writes one entry, pending the chain, and returns its entry number; requires an open transaction on
    /// <paramref name="db"/> (the entry commits with it). A malformed record is a programming error and throws. The time
    /// is stored in UTC to the millisecond (what both stores keep exactly: PostgreSQL keeps microseconds, SQLite's binary
    /// timestamps a tenth of a millisecond), so the hash the chainer computes is the hash recomputed from the stored
    /// entry later. The time is the action's own: it is never changed when the entry is linked.
    /// </summary>
    public async Task<long> AppendAsync(GatekeeperDbContext db, AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(record);
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Audit entries are written in the transaction of the action they record.");
        if (AuditRecordRules.Check(record) is { } problem)
            throw new ArgumentException($"Audit record '{record.Action}' refused: {problem}", nameof(record));

        var row = AuditEntryRow.Pending(record with { At = Storable(record.At) });
        if (db.Database.IsNpgsql())
        {
            // The action's own pending changes first (as the EF path saves them with the entry), then the entry in one round trip.
            if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(cancellationToken);
            return await PostgresAuditAppend.AppendAsync(db, row, cancellationToken);
        }

        db.Set<AuditEntryRow>().Add(row);
        await db.SaveChangesAsync(cancellationToken);
        var (ids, positions) = AuditEntryRow.IndexedSubjects(record.SubjectIds);
        for (var i = 0; i < ids.Length; i++)
            db.Set<AuditEntrySubjectRow>().Add(new AuditEntrySubjectRow { Sequence = row.Sequence, Position = positions[i], SubjectId = ids[i] });
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(cancellationToken);
        return row.Sequence;
    }

    /// <summary>
    /// Records an action in a transaction of its own (refusals, sign-ins, reads such as downloads) and returns the entry
    /// at its place in the chain: after the commit it asks the chainer to link what is pending (concurrent callers share
    /// one linking round).
    /// </summary>
    public async Task<ChainedEntry> RecordAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        long sequence;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            sequence = await AppendAsync(db, record, cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }

        await chainer.LinkPendingAsync(cancellationToken);
        await using var read = await factory.CreateDbContextAsync(cancellationToken);
        var row = await read.Set<AuditEntryRow>().AsNoTracking().SingleAsync(e => e.Sequence == sequence, cancellationToken);
        return row.IsPending ? throw new InvalidOperationException($"Audit entry {sequence} was not linked by the chainer.") : row.ToEntry();
    }

    /// <summary>Links what is pending now (see <see cref="AuditChainer"/>); returns how many entries this call linked.</summary>
    public Task<int> LinkPendingAsync(CancellationToken cancellationToken) => chainer.LinkPendingAsync(cancellationToken);

    /// <summary>
    /// Links what is pending, then verifies the whole stored chain (archive files and live table) and its checkpoints,
    /// streaming in chain order.
    /// </summary>
    public async Task<VerificationResult> VerifyAsync(CancellationToken cancellationToken)
    {
        await chainer.LinkPendingAsync(cancellationToken);
        return (await verifier.VerifyAsync(AuditVerificationScope.Everything, cancellationToken)).Result;
    }

    /// <summary>The time as the store keeps it exactly: UTC, whole milliseconds.</summary>
    public static DateTimeOffset Storable(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <summary>Serialises writers of the chain (the chainer, archiving) for the rest of the transaction (PostgreSQL; SQLite's transaction holds the write lock once it writes).</summary>
    internal static async Task LockChainAsync(GatekeeperDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
    }
}
