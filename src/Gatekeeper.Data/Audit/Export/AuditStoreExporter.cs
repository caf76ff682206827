using Gatekeeper.Audit.Chain;
using Gatekeeper.Audit.Export;
using Gatekeeper.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Audit.Export;

/// <summary>
/// Exports a range of the live log as a self-contained JSON Lines file (header with the public keys and the
/// anchor, the checkpoints inside the range, then the entries), streaming page by page. The file is verifiable
/// offline with <c>gatekeeper verify-audit --file</c>. Reads through the read-only <see cref="AuditReadContext"/>.
/// </summary>
public sealed class AuditStoreExporter(AuditReadContextFactory contexts, AuditKeys keys, TimeProvider time)
{
    public async Task<DomainResult<AuditExportSummary>> ExportAsync(AuditExportRequest request, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        if (request.From is { } f && request.To is { } t && f >= t)
            return Fail("to", "empty-range", $"--to ({t:u}) must be after --from ({f:u}).");
        if (request.FromSequence is { } fs && request.ToSequence is { } ts && fs > ts)
            return Fail("toSequence", "empty-range", $"The last sequence (#{ts}) is before the first (#{fs}).");

        await using var db = contexts.Create();
        var liveFirst = await db.Entries.MinAsync(e => e.Position, cancellationToken);
        var liveLast = await db.Entries.MaxAsync(e => e.Position, cancellationToken);
        if (liveFirst is null || liveLast is null) return Fail("range", "empty-log", "The live audit log is empty: there is nothing to export.");
        var live = (First: liveFirst.Value, Last: liveLast.Value);

        long? first = request.FromSequence ?? (request.From is { } from ? await db.Entries.Where(e => e.At >= from).MinAsync(e => e.Position, cancellationToken) : live.First);
        long? last = request.ToSequence ?? (request.To is { } to ? await db.Entries.Where(e => e.At < to).MaxAsync(e => e.Position, cancellationToken) : live.Last);
        if (first is null || last is null || first > last || first > live.Last || last < live.First)
            return Fail("range", "no-entries", "No live entries in the requested range.");
        var lastArchive = await db.Archives.OrderByDescending(a => a.LastSequence).FirstOrDefaultAsync(cancellationToken);
        if (first < live.First)
        {
            return lastArchive is not null
                ? Fail("from", "archived", $"Entries before #{live.First} are archived (up to {lastArchive.FileName}); the archive files are verifiable exports themselves. Export from #{live.First} on.")
                : Fail("from", "missing", $"The live log starts at #{live.First}; entries before it are not in the store.");
        }

        last = Math.Min(last.Value, live.Last);
        var requestedFirst = first.Value;
        var requestedLast = last.Value;

        ChainAnchor anchor;
        var startCheckpoint = await db.Checkpoints.Where(c => c.Sequence < first && c.Sequence >= live.First - 1).OrderByDescending(c => c.Sequence).FirstOrDefaultAsync(cancellationToken);
        if (request.ExtendToCheckpoints)
        {
            if (first == 1) anchor = ChainAnchor.Beginning;
            else if (startCheckpoint is not null) anchor = ChainAnchor.After(startCheckpoint.ToCheckpoint());
            else if (lastArchive is not null) anchor = ChainAnchor.After(lastArchive.ToCheckpoint());
            else anchor = ChainAnchor.Beginning;
            first = anchor.FirstSequence;
            var endCheckpoint = await db.Checkpoints.Where(c => c.Sequence >= last).OrderBy(c => c.Sequence).Select(c => (long?)c.Sequence).FirstOrDefaultAsync(cancellationToken);
            if (endCheckpoint is { } end) last = end;
        }
        else
        {
            var previous = await db.Entries.Where(e => e.Position == first).Select(e => e.PreviousHash).FirstAsync(cancellationToken) ?? "";
            anchor = first == 1 ? ChainAnchor.Beginning
                : startCheckpoint?.Sequence == first - 1 ? ChainAnchor.After(startCheckpoint.ToCheckpoint())
                : lastArchive?.LastSequence == first - 1 ? ChainAnchor.After(lastArchive.ToCheckpoint())
                : new ChainAnchor(first.Value, previous);
        }

        var checkpoints = await db.Checkpoints.Where(c => c.Sequence >= first && c.Sequence <= last).OrderBy(c => c.Sequence).ToListAsync(cancellationToken);
        await using var writer = new AuditExportWriter(output, leaveOpen: true);
        await writer.WriteHeaderAsync(new AuditExportHeader(anchor, keys.PublicKeysForExport())
        {
            LastSequence = last, CreatedAt = time.GetUtcNow(),
            Description = $"Gatekeeper audit log entries #{first}-#{last} (requested #{requestedFirst}-#{requestedLast})",
        }, cancellationToken);
        foreach (var checkpoint in checkpoints) await writer.WriteCheckpointAsync(checkpoint.ToCheckpoint(), cancellationToken);

        for (var after = first.Value - 1; after < last; after += Verification.AuditStoreVerifier.PageSize)
        {
            var upTo = Math.Min(after + Verification.AuditStoreVerifier.PageSize, last.Value);
            await AuditRowReader.ReadRangeAsync(db, after, upTo, entry => writer.WriteEntryAsync(entry, cancellationToken), cancellationToken);
        }

        var sha = await writer.CompleteAsync(cancellationToken);
        return new AuditExportSummary(first.Value, last.Value, requestedFirst, requestedLast, writer.Entries, writer.Checkpoints,
            anchor.IsBeginning || anchor.Checkpoint is not null, checkpoints.Count > 0 && checkpoints[^1].Sequence == last, sha);
    }

    private static DomainResult<AuditExportSummary> Fail(string field, string rule, string message) =>
        DomainResult<AuditExportSummary>.Fail([ValidationError.Create(field, rule, message)]);
}
