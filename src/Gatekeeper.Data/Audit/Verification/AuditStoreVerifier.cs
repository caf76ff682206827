using System.Diagnostics;
using Gatekeeper.Audit;
using Gatekeeper.Audit.Chain;
using Gatekeeper.Audit.Checkpoints;
using Gatekeeper.Audit.Export;
using Gatekeeper.Data.Audit.Archiving;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Data.Audit.Verification;

/// <summary>
/// Verifies the stored chain in constant memory: the archive files in order (each against the SHA-256 and
/// range its archive record holds), then the live table page by page with the checkpoints of each page, all
/// through one <see cref="ChainVerifier"/>, so archives and live entries are checked as one chain. Reads through
/// the read-only <see cref="AuditReadContext"/>; trusts only the keys in the data folder (<see cref="AuditKeys"/>). Entries
/// not yet linked by the chainer are counted and reported as pending.
/// </summary>
public sealed class AuditStoreVerifier(
    AuditReadContextFactory contexts,
    AuditKeys keys,
    IOptions<AuditRetentionOptions> retention,
    DataFolder dataFolder,
    TimeProvider time)
{
    /// <summary>Entries read per query of the live table.</summary>
    public const int PageSize = 10_000;

    public const string LiveTable = "live table";

    public async Task<AuditStoreVerification> VerifyAsync(AuditVerificationScope scope, CancellationToken cancellationToken)
    {
        // Archiving while we read would make the oldest live entries vanish under us; if the archive records
        // changed during a failed run, run again on the new state.
        for (var attempt = 0; ; attempt++)
        {
            var (verification, archivesBefore) = await RunAsync(scope, cancellationToken);
            if (verification.Result.IsValid || attempt == 2) return verification;
            if (await LastArchiveAsync(cancellationToken) == archivesBefore) return verification;
        }
    }

    private async Task<(AuditStoreVerification, long?)> RunAsync(AuditVerificationScope scope, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var started = time.GetUtcNow();
        using var trusted = keys.LoadTrusted();
        List<AuditArchiveRow> archives;
        await using (var db = contexts.Create())
            archives = await db.Archives.OrderBy(a => a.FirstSequence).ToListAsync(cancellationToken);
        var lastArchived = archives.Count > 0 ? archives[^1].LastSequence : (long?)null;

        var anchor = scope == AuditVerificationScope.LiveOnly && archives.Count > 0 ? ChainAnchor.After(archives[^1].ToCheckpoint()) : ChainAnchor.Beginning;
        var verifier = new ChainVerifier([], trusted.Get, anchor);
        var location = LiveTable;
        long archivedEntries = 0;
        if (scope == AuditVerificationScope.Everything)
        {
            var folder = retention.Value.ResolveFolder(dataFolder);
            foreach (var archive in archives)
            {
                location = archive.FileName;
                if (verifier.IsBroken) break;
                await FeedArchiveAsync(verifier, archive, folder, trusted, cancellationToken);
                archivedEntries = verifier.EntriesChecked;
            }

            if (!verifier.IsBroken) location = LiveTable;
        }

        if (!verifier.IsBroken) await FeedLiveAsync(verifier, cancellationToken);
        var result = verifier.Finish();
        if (!result.IsValid) result = result.At(location);
        // Entries committed but not yet linked are reported like the unsigned tail: pending, not tampering.
        int pending;
        await using (var db = contexts.Create())
            pending = await db.Entries.CountAsync(e => e.Position == null, cancellationToken);
        if (pending > 0 && result.IsValid)
            result = result with { Message = $"{result.Message} {pending} recorded entries are pending the chain (committed, not yet linked)." };
        var verification = new AuditStoreVerification(result, scope, scope == AuditVerificationScope.Everything ? archives.Count : 0, archivedEntries,
            verifier.EntriesChecked - archivedEntries, [.. trusted.KeyIds], started, clock.Elapsed) { PendingEntries = pending };
        return (verification, lastArchived);
    }

    private static async Task FeedArchiveAsync(ChainVerifier verifier, AuditArchiveRow archive, string folder, TrustedKeys trusted, CancellationToken cancellationToken)
    {
        if (archive.FirstSequence != verifier.NextSequence)
        {
            verifier.Fail(verifier.NextSequence, $"the archive records skip from #{verifier.NextSequence - 1} to {archive.FileName} starting at #{archive.FirstSequence}");
            return;
        }

        var checkpoint = archive.ToCheckpoint();
        if (trusted.Get(checkpoint.KeyId) is not { } key || !CheckpointSigner.Verify(checkpoint, key))
        {
            verifier.Fail(archive.LastSequence, $"the signed checkpoint recorded for {archive.FileName} does not verify with a trusted key");
            return;
        }

        var path = Path.Combine(folder, archive.FileName);
        if (!File.Exists(path))
        {
            verifier.Fail(archive.FirstSequence, $"archive file {archive.FileName} (entries #{archive.FirstSequence}-#{archive.LastSequence}) is missing from {folder}");
            return;
        }

        var source = AuditFileSource.ForPath(path) with
        {
            ExpectedSha256 = archive.FileSha256, ExpectedFirstSequence = archive.FirstSequence, ExpectedLastSequence = archive.LastSequence,
        };
        FeedOutcome outcome;
        try
        {
            outcome = await AuditFileVerifier.FeedAsync(verifier, source, embeddedKeys: null, ignoreCheckpointLines: false, cancellationToken);
        }
        catch (FormatException ex)
        {
            verifier.Fail(verifier.NextSequence, $"archive file {archive.FileName} is not readable: {ex.Message}");
            return;
        }

        if (outcome == FeedOutcome.LateCheckpoints)
            verifier.Fail(archive.FirstSequence, $"archive file {archive.FileName} has checkpoints after their entries: it was not written by the gatekeeper");
        else if (outcome == FeedOutcome.Completed && verifier.PreviousHash != archive.LastHash)
            verifier.Fail(archive.LastSequence, $"archive file {archive.FileName} ends with a different hash than its archive record");
    }

    /// <summary>
    /// Feeds the live table, page by page: a producer thread streams each page and its checkpoints, the feed recomputes entry
    /// hashes and checks checkpoint signatures per batch on the thread pool, and this thread checks the chain in order.
    /// </summary>
    private async Task FeedLiveAsync(ChainVerifier verifier, CancellationToken cancellationToken)
    {
        var start = verifier.NextSequence - 1;
        await using var db = contexts.Create();
        await ChainFeed.RunAsync(verifier, async (feed, token) =>
        {
            var last = start;
            while (true)
            {
                // One range of sequence numbers at a time: its checkpoints, then its entries, streamed (the feed checks signatures and hashes).
                var upTo = last + PageSize;
                var checkpoints = await db.Checkpoints.Where(c => c.Sequence > last && c.Sequence <= upTo).OrderBy(c => c.Sequence).ToListAsync(token);
                foreach (var c in checkpoints) await feed.CheckpointAsync(c.ToCheckpoint());

                if (await AuditRowReader.ReadRangeAsync(db, last, upTo, feed.EntryAsync, token) > 0)
                {
                    last = upTo;
                    continue;
                }

                // Nothing in this range: a gap (the verifier reports the missing entries) or the end.
                if (await AuditRowReader.NextSequenceAsync(db, upTo, token) is { } next)
                {
                    last = next - 1;
                    continue;
                }

                // Checkpoints beyond the end: truncation, unless entries committed with them arrived meanwhile.
                var beyond = await db.Checkpoints.Where(c => c.Sequence > upTo).OrderBy(c => c.Sequence).ToListAsync(token);
                if (beyond.Count > 0 && await AuditRowReader.NextSequenceAsync(db, last, token) is not null) continue;
                foreach (var c in beyond) await feed.CheckpointAsync(c.ToCheckpoint());
                return;
            }
        }, cancellationToken);
    }

    private async Task<long?> LastArchiveAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        return await db.Archives.OrderByDescending(a => a.LastSequence).Select(a => (long?)a.LastSequence).FirstOrDefaultAsync(cancellationToken);
    }
}
