using Gatekeeper.Audit;
using Gatekeeper.Audit.Chain;
using Gatekeeper.Audit.Checkpoints;
using Microsoft.EntityFrameworkCore;
using Gatekeeper.Data.Audit.Verification;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Data.Audit;

/// <summary>
/// Appends to the hash-chained audit log inside the caller's transaction, so an action and its
/// entry commit or roll back together. Writers are serialised (PostgreSQL: a transaction-scoped
/// advisory lock; SQLite: the database write lock of the immediate transaction), and the sequence
/// primary key refuses a fork even if two writers raced.
/// </summary>
public sealed class AuditTrail(IOptions<AuditOptions> options, CheckpointSigner signer, IDbContextFactory<GatekeeperDbContext> factory, AuditStoreVerifier verifier)
{
    /// <summary>The advisory lock every writer of the chain (appends, archiving) holds on PostgreSQL.</summary>
    internal const long AdvisoryLockKey = 0x4741_5445_4b50; // "GATEKP"

    public string SigningKeyId => signer.KeyId;

    public string SigningPublicKey => signer.PublicKey;

    /// <summary>
    /// Appends one entry; requires an open transaction on <paramref name="db"/>. A malformed record is a programming error
    /// and throws. The time is stored in UTC to the millisecond (what both stores keep exactly: PostgreSQL keeps
    /// microseconds, SQLite's binary timestamps a tenth of a millisecond), so the hash computed now is the hash recomputed
    /// from the stored entry later. Times are non-decreasing along the chain.
    /// </summary>
    public async Task<ChainedEntry> AppendAsync(GatekeeperDbContext db, AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(record);
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Audit entries are written in the transaction of the action they record.");
        if (AuditRecordRules.Check(record) is { } problem)
            throw new ArgumentException($"Audit record '{record.Action}' refused: {problem}", nameof(record));

        record = record with { At = Storable(record.At) };
        await LockChainAsync(db, cancellationToken);
        var head = await db.Set<AuditEntryRow>().AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash, e.At })
            .FirstOrDefaultAsync(cancellationToken);
        // Times never go backwards along the chain: an action timed before it got the writer lock is recorded at the
        // head's time (milliseconds apart), so time order and chain order agree for auditors and for range queries.
        if (head is not null && record.At < head.At) record = record with { At = head.At };
        var anchor = head is null ? await ArchiveAnchorAsync(db, cancellationToken) : null;
        var entry = EntryHasher.Link(
            head?.Sequence + 1 ?? anchor?.FirstSequence ?? 1,
            record,
            head?.Hash ?? anchor?.PreviousHash ?? ChainedEntry.Genesis);
        db.Set<AuditEntryRow>().Add(AuditEntryRow.From(entry));
        for (var i = 0; i < record.SubjectIds.Count; i++)
        {
            var id = record.SubjectIds[i];
            if (!string.IsNullOrEmpty(id) && !record.SubjectIds.Take(i).Contains(id, StringComparer.Ordinal))
                db.Set<AuditEntrySubjectRow>().Add(new AuditEntrySubjectRow { Sequence = entry.Sequence, Position = i, SubjectId = id });
        }

        if (await CheckpointDueAsync(db, entry, cancellationToken))
            db.Set<AuditCheckpointRow>().Add(AuditCheckpointRow.From(signer.Sign(entry.Sequence, entry.Hash, record.At)));

        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }

    /// <summary>Records an action in a transaction of its own (refusals, sign-ins, reads such as downloads).</summary>
    public async Task<ChainedEntry> RecordAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var entry = await AppendAsync(db, record, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return entry;
    }

    /// <summary>Verifies the whole stored chain (archive files and live table) and its checkpoints, streaming in sequence order.</summary>
    public async Task<VerificationResult> VerifyAsync(CancellationToken cancellationToken) =>
        (await verifier.VerifyAsync(AuditVerificationScope.Everything, cancellationToken)).Result;

    /// <summary>The time as the store keeps it exactly: UTC, whole milliseconds.</summary>
    public static DateTimeOffset Storable(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <summary>Serialises writers of the chain for the rest of the transaction (PostgreSQL; SQLite's immediate transaction already holds the write lock).</summary>
    internal static async Task LockChainAsync(GatekeeperDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
    }

    /// <summary>Where the live chain continues after archiving, when the live table is empty.</summary>
    private static async Task<ChainAnchor?> ArchiveAnchorAsync(GatekeeperDbContext db, CancellationToken cancellationToken)
    {
        var last = await db.Set<AuditArchiveRow>().AsNoTracking().OrderByDescending(a => a.LastSequence)
            .Select(a => new { a.LastSequence, a.LastHash }).FirstOrDefaultAsync(cancellationToken);
        return last is null ? null : new ChainAnchor(last.LastSequence + 1, last.LastHash);
    }

    private async Task<bool> CheckpointDueAsync(GatekeeperDbContext db, ChainedEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Sequence % options.Value.CheckpointEveryEntries == 0) return true;
        var last = await db.Set<AuditCheckpointRow>().AsNoTracking().OrderByDescending(c => c.Sequence)
            .Select(c => (DateTimeOffset?)c.At).FirstOrDefaultAsync(cancellationToken);
        return last is null || entry.Record.At - last.Value >= options.Value.CheckpointEvery;
    }
}
