using Gatekeeper.Audit;
using Gatekeeper.Audit.Archive;
using Gatekeeper.Audit.Chain;
using Gatekeeper.Audit.Export;
using Gatekeeper.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Data.Audit.Archiving;

/// <summary>
/// Moves entries older than the retention period out of the live table into archive files, without breaking
/// verifiability. Each file holds whole checkpoint intervals and ends at a signed checkpoint; it is written and
/// verified (the entries as they are read, then the file on disk) before anything is removed; then, in one
/// transaction holding the chain's writer lock, the archive record (file name, SHA-256, range, the closing
/// checkpoint) is added, the entries and their checkpoints are removed, and an <c>audit.archived</c> entry is
/// appended. The live chain's first remaining entry links to the archived last entry's hash, which the archive
/// record's checkpoint vouches for. A broken chain is never archived.
/// </summary>
public sealed class AuditArchiver(
    IDbContextFactory<GatekeeperDbContext> factory,
    AuditTrail trail,
    AuditKeys keys,
    IOptions<AuditRetentionOptions> options,
    DataFolder dataFolder,
    TimeProvider time,
    ILogger<AuditArchiver> logger)
{
    public string Folder => options.Value.ResolveFolder(dataFolder);

    /// <summary>Archives what the retention setting says is due; refused when retention is off.</summary>
    public Task<DomainResult<AuditArchiveRun>> ArchiveDueAsync(AuditActor actor, CancellationToken cancellationToken) =>
        options.Value.ArchiveAfterDays is { } days
            ? ArchiveBeforeAsync(time.GetUtcNow().AddDays(-days), actor, cancellationToken)
            : Task.FromResult(Fail("archiveAfterDays", "retention-off", $"Retention is off: set {AuditRetentionOptions.Section}:ArchiveAfterDays to archive entries older than that many days."));

    /// <summary>Archives whole checkpoint intervals whose closing checkpoint is older than <paramref name="cutoff"/>.</summary>
    public async Task<DomainResult<AuditArchiveRun>> ArchiveBeforeAsync(DateTimeOffset cutoff, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!keys.SigningKeyExists)
            return Fail("keyFile", "no-key", $"No audit signing key at {keys.KeyFilePath}: archiving appends a signed entry and needs the gatekeeper's key (is this the data folder the web app uses?).");
        var folder = Folder;
        System.IO.Directory.CreateDirectory(folder);
        var files = new List<AuditArchiveFile>();
        while (true)
        {
            var step = await ArchiveOneAsync(cutoff, actor, folder, cancellationToken);
            if (!step.Succeeded) return DomainResult<AuditArchiveRun>.Fail(step.Errors);
            if (step.Value is not { } file) break;
            files.Add(file);
        }

        await WriteManifestAsync(folder, cancellationToken);
        // The audit.archived entries are linked at once rather than at the chainer's next round.
        if (files.Count > 0) await trail.LinkPendingAsync(cancellationToken);
        return new AuditArchiveRun(files, cutoff, folder);
    }

    /// <summary>Rewrites <c>manifest.json</c> from the archive records (the store is the authority; the manifest is for offline checks).</summary>
    public async Task WriteManifestAsync(string folder, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<AuditArchiveRow>().AsNoTracking().OrderBy(a => a.FirstSequence).ToListAsync(cancellationToken);
        if (rows.Count == 0) return;
        await AuditArchiveManifest.Of(rows.Select(r => r.ToManifestFile())).WriteAsync(Path.Combine(folder, AuditArchiveManifest.FileName), cancellationToken);
    }

    private async Task<DomainResult<AuditArchiveFile?>> ArchiveOneAsync(DateTimeOffset cutoff, AuditActor actor, string folder, CancellationToken cancellationToken)
    {
        var maxEntries = options.Value.MaxEntriesPerFile;
        AuditArchiveRow? previous;
        long start;
        AuditCheckpointRow? closing;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            previous = await db.Set<AuditArchiveRow>().AsNoTracking().OrderByDescending(a => a.LastSequence).FirstOrDefaultAsync(cancellationToken);
            start = previous?.LastSequence + 1 ?? 1;
            var liveFirst = await db.Set<AuditEntryRow>().MinAsync(e => e.Position, cancellationToken);
            if (liveFirst is { } lf && lf != start)
                return Broken<AuditArchiveFile?>($"the live table starts at #{lf} but the chain continues at #{start}");
            closing = await db.Set<AuditCheckpointRow>().AsNoTracking()
                .Where(c => c.Sequence >= start && c.Sequence <= start + maxEntries - 1 && c.At < cutoff)
                .OrderByDescending(c => c.Sequence).FirstOrDefaultAsync(cancellationToken);
        }

        if (closing is null) return DomainResult<AuditArchiveFile?>.Ok(null);
        var anchor = previous is null ? ChainAnchor.Beginning : ChainAnchor.After(previous.ToCheckpoint());
        var fileName = $"audit-{start:D12}-{closing.Sequence:D12}.jsonl";
        var path = Path.Combine(folder, fileName);
        var temp = Path.Combine(folder, $".{fileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            var written = await WriteFileAsync(temp, fileName, anchor, closing, cancellationToken);
            if (!written.Succeeded) return DomainResult<AuditArchiveFile?>.Fail(written.Errors);
            var file = written.Value!;
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            await AuditTrail.LockChainAsync(db, cancellationToken);
            var now = await db.Set<AuditArchiveRow>().AsNoTracking().OrderByDescending(a => a.LastSequence).Select(a => (long?)a.LastSequence).FirstOrDefaultAsync(cancellationToken);
            if (now != previous?.LastSequence)
            {
                // Another archiver got there first; the next run continues from its state.
                await tx.RollbackAsync(cancellationToken);
                logger.LogInformation("Another archiver archived entries from #{First} first; this run stops", start);
                return DomainResult<AuditArchiveFile?>.Ok(null);
            }

            // Under the lock: a file left by an interrupted run (no archive record) is replaced.
            File.Move(temp, path, overwrite: true);
            db.Set<AuditArchiveRow>().Add(new AuditArchiveRow
            {
                FileName = fileName, FileSha256 = file.Sha256, FirstSequence = file.FirstSequence, LastSequence = file.LastSequence,
                LastHash = file.LastHash, Entries = file.Entries, Checkpoints = file.Checkpoints, FirstAt = file.FirstAt, LastAt = file.LastAt,
                ArchivedAt = file.ArchivedAt, CheckpointAt = closing.At, CheckpointKeyId = closing.KeyId, CheckpointSignature = closing.Signature,
            });
            await db.SaveChangesAsync(cancellationToken);
            var last = closing.Sequence;
            var archived = db.Set<AuditEntryRow>().Where(e => e.Position <= last);
            await db.Set<AuditEntrySubjectRow>().Where(s => archived.Any(e => e.Sequence == s.Sequence)).ExecuteDeleteAsync(cancellationToken);
            var removed = await archived.ExecuteDeleteAsync(cancellationToken);
            await db.Set<AuditCheckpointRow>().Where(c => c.Sequence <= last).ExecuteDeleteAsync(cancellationToken);
            if (removed != file.Entries)
            {
                await tx.RollbackAsync(cancellationToken);
                File.Delete(path);
                return Broken<AuditArchiveFile?>($"{removed} live entries up to #{last} were found for {file.Entries} archived");
            }

            await trail.AppendAsync(db, new AuditRecord
            {
                At = time.GetUtcNow(), ActorId = actor.Id, ActorRole = actor.Role, OrganisationId = actor.OrganisationId, ClientAddress = actor.ClientAddress,
                Action = AuditActions.AuditArchived, SubjectType = AuditSubjectTypes.AuditLog, SubjectIds = [fileName],
                Reason = $"entries #{file.FirstSequence}-#{file.LastSequence} older than {cutoff:u} archived to {fileName}",
                Details = new Dictionary<string, string>
                {
                    [AuditDetailKeys.FirstSequence] = file.FirstSequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    [AuditDetailKeys.LastSequence] = file.LastSequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    [AuditDetailKeys.Sha256] = file.Sha256,
                },
            }, cancellationToken);
            await tx.CommitAsync(cancellationToken);
            logger.LogInformation("Archived audit entries #{First}-#{Last} ({Entries} entries) to {File}", file.FirstSequence, file.LastSequence, file.Entries, path);
            return DomainResult<AuditArchiveFile?>.Ok(file);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>
    /// Writes entries from the anchor up to the closing checkpoint to <paramref name="temp"/>, verifying them as they
    /// are read, then verifies the file on disk against its SHA-256; refuses if anything is broken.
    /// </summary>
    private async Task<DomainResult<AuditArchiveFile>> WriteFileAsync(string temp, string fileName, ChainAnchor anchor, AuditCheckpointRow closing, CancellationToken cancellationToken)
    {
        using var trusted = keys.LoadTrusted();
        var verifier = new ChainVerifier([], trusted.Get, anchor);
        string sha;
        long entries, checkpoints;
        DateTimeOffset? firstAt = null;
        DateTimeOffset lastAt = default;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var last = closing.Sequence;
            var cps = await db.Set<AuditCheckpointRow>().AsNoTracking().Where(c => c.Sequence >= anchor.FirstSequence && c.Sequence <= last)
                .OrderBy(c => c.Sequence).Select(c => c).ToListAsync(cancellationToken);
            verifier.AddCheckpoints(cps.Select(c => c.ToCheckpoint()));
            await using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await using var writer = new AuditExportWriter(stream, leaveOpen: true);
            await writer.WriteHeaderAsync(new AuditExportHeader(anchor, keys.PublicKeysForExport())
            {
                LastSequence = last, CreatedAt = time.GetUtcNow(), Description = $"Gatekeeper audit archive {fileName}",
            }, cancellationToken);
            foreach (var c in cps) await writer.WriteCheckpointAsync(c.ToCheckpoint(), cancellationToken);
            var broken = false;
            for (var after = anchor.FirstSequence - 1; after < last && !broken; after += Verification.AuditStoreVerifier.PageSize)
            {
                var upTo = Math.Min(after + Verification.AuditStoreVerifier.PageSize, last);
                await AuditRowReader.ReadRangeAsync(db, after, upTo, async entry =>
                {
                    if (broken || !verifier.Step(entry))
                    {
                        broken = true;
                        return;
                    }

                    firstAt ??= entry.Record.At;
                    lastAt = entry.Record.At;
                    await writer.WriteEntryAsync(entry, cancellationToken);
                }, cancellationToken);
            }

            var result = verifier.Finish();
            if (!result.IsValid) return Broken<AuditArchiveFile>(result.Message);
            if (result.LastSequence != last || result.LastSignedSequence != last) return Broken<AuditArchiveFile>($"the entries up to the checkpoint at #{last} are incomplete");
            sha = await writer.CompleteAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
            entries = writer.Entries;
            checkpoints = writer.Checkpoints;
        }

        var onDisk = new ChainVerifier([], trusted.Get, anchor);
        var source = AuditFileSource.ForPath(temp) with { ExpectedSha256 = sha, ExpectedFirstSequence = anchor.FirstSequence, ExpectedLastSequence = closing.Sequence };
        var outcome = await AuditFileVerifier.FeedAsync(onDisk, source, embeddedKeys: null, ignoreCheckpointLines: false, cancellationToken);
        var check = onDisk.Finish();
        if (outcome != FeedOutcome.Completed || !check.IsValid) return Broken<AuditArchiveFile>($"the archive file did not verify after writing: {check.Message}");

        return new AuditArchiveFile(fileName, sha, anchor.FirstSequence, closing.Sequence, closing.EntryHash, entries, checkpoints,
            firstAt ?? closing.At, lastAt, time.GetUtcNow());
    }

    private static DomainResult<T> Broken<T>(string why) =>
        DomainResult<T>.Fail([ValidationError.Create("chain", "broken", $"Archiving refused: {why}. Run 'gatekeeper verify-audit' to see the break.")]);

    private static DomainResult<AuditArchiveRun> Fail(string field, string rule, string message) =>
        DomainResult<AuditArchiveRun>.Fail([ValidationError.Create(field, rule, message)]);
}
