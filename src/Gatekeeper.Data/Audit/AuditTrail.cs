using Gatekeeper.Audit;
using Gatekeeper.Audit.Chain;
using Gatekeeper.Audit.Checkpoints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Data.Audit;

/// <summary>
/// Appends to the hash-chained audit log inside the caller's transaction, so an action and its
/// entry commit or roll back together. Writers are serialised (PostgreSQL: a transaction-scoped
/// advisory lock; SQLite: the database write lock of the immediate transaction), and the sequence
/// primary key refuses a fork even if two writers raced.
/// </summary>
public sealed class AuditTrail(IOptions<AuditOptions> options, CheckpointSigner signer, IDbContextFactory<GatekeeperDbContext> factory)
{
    private const long AdvisoryLockKey = 0x4741_5445_4b50; // "GATEKP"

    public string SigningKeyId => signer.KeyId;

    public string SigningPublicKey => signer.PublicKey;

    /// <summary>Appends one entry; requires an open transaction on <paramref name="db"/>.</summary>
    public async Task<ChainedEntry> AppendAsync(GatekeeperDbContext db, AuditRecord record, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Audit entries are written in the transaction of the action they record.");

        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);

        var head = await db.Set<AuditEntryRow>().AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        // Hash the time as the store will give it back (UTC, whole milliseconds: SQLite keeps 0.1 ms, PostgreSQL 1 µs),
        // or a clock with finer ticks would make every entry look edited when verified.
        record = record with { At = StoredPrecision(record.At) };
        var entry = EntryHasher.Link((head?.Sequence ?? 0) + 1, record, head?.Hash ?? ChainedEntry.Genesis);
        db.Set<AuditEntryRow>().Add(AuditEntryRow.From(entry));

        if (await CheckpointDueAsync(db, entry, cancellationToken))
            db.Set<AuditCheckpointRow>().Add(AuditCheckpointRow.From(signer.Sign(entry.Sequence, entry.Hash, record.At)));

        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }

    public static DateTimeOffset StoredPrecision(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    /// <summary>Records an action in a transaction of its own (refusals, sign-ins, reads such as downloads).</summary>
    public async Task<ChainedEntry> RecordAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var entry = await AppendAsync(db, record, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return entry;
    }

    /// <summary>Verifies the whole stored chain and its checkpoints, streaming in sequence order.</summary>
    public async Task<VerificationResult> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var checkpoints = await db.Set<AuditCheckpointRow>().AsNoTracking().OrderBy(c => c.Sequence).ToListAsync(cancellationToken);
        var first = await db.Set<AuditEntryRow>().AsNoTracking().OrderBy(e => e.Sequence).Select(e => new { e.Sequence, e.PreviousHash }).FirstOrDefaultAsync(cancellationToken);
        var anchor = first is null || first.Sequence == 1 ? ChainAnchor.Beginning : new ChainAnchor(first.Sequence, first.PreviousHash);
        var entries = db.Set<AuditEntryRow>().AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().Select(row => row.ToEntry());
        using var key = CheckpointSigner.ImportPublicKey(signer.PublicKey);
        return await ChainVerifier.VerifyAsync(entries, checkpoints.Select(c => c.ToCheckpoint()), id => id == signer.KeyId ? key : null, anchor, cancellationToken);
    }

    private async Task<bool> CheckpointDueAsync(GatekeeperDbContext db, ChainedEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Sequence % options.Value.CheckpointEveryEntries == 0) return true;
        var last = await db.Set<AuditCheckpointRow>().AsNoTracking().OrderByDescending(c => c.Sequence)
            .Select(c => (DateTimeOffset?)c.At).FirstOrDefaultAsync(cancellationToken);
        return last is null || entry.Record.At - last.Value >= options.Value.CheckpointEvery;
    }
}
