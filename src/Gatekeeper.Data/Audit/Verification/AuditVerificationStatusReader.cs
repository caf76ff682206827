using Gatekeeper.Audit;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Audit.Verification;

/// <summary>Reads the console's verification status (read-only, <see cref="AuditReadContext"/>): the last <c>audit.verified</c> entry, the chain's head, last checkpoint and archive.</summary>
public sealed class AuditVerificationStatusReader(AuditReadContextFactory contexts)
{
    public async Task<AuditVerificationStatus> GetAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var last = await db.Entries.Where(e => e.Action == AuditActions.AuditVerified).OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(cancellationToken);
        var head = await db.Entries.Where(e => e.Position != null).OrderByDescending(e => e.Position).Select(e => new { e.Position, e.At }).FirstOrDefaultAsync(cancellationToken);
        var pending = await db.Entries.CountAsync(e => e.Position == null, cancellationToken);
        var checkpoint = await db.Checkpoints.OrderByDescending(c => c.Sequence).Select(c => new { c.Sequence, c.At }).FirstOrDefaultAsync(cancellationToken);
        var archive = await db.Archives.OrderByDescending(a => a.LastSequence).Select(a => new { a.LastSequence, a.CheckpointAt }).FirstOrDefaultAsync(cancellationToken);
        var files = await db.Archives.CountAsync(cancellationToken);
        return new AuditVerificationStatus
        {
            LastVerifiedAt = last?.At,
            LastResultValid = last is null ? null : last.Outcome == AuditOutcome.Succeeded,
            LastMessage = last?.Reason,
            LastBrokenAt = last?.Details?.GetValueOrDefault(AuditDetailKeys.BrokenAt) is { } b && long.TryParse(b, System.Globalization.CultureInfo.InvariantCulture, out var at) ? at : null,
            VerifiedBy = last?.ActorId,
            EntriesChecked = last?.Details?.GetValueOrDefault(AuditDetailKeys.EntriesChecked) is { } n && long.TryParse(n, System.Globalization.CultureInfo.InvariantCulture, out var count) ? count : null,
            HeadSequence = head?.Position,
            HeadAt = head?.At,
            LastCheckpointSequence = checkpoint?.Sequence ?? archive?.LastSequence,
            LastCheckpointAt = checkpoint?.At ?? archive?.CheckpointAt,
            ArchivedUpTo = archive?.LastSequence,
            ArchiveFiles = files,
            PendingEntries = pending,
        };
    }
}
