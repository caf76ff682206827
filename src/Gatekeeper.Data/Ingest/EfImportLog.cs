using Gatekeeper.Audit;
using Gatekeeper.Data.Audit;
using Gatekeeper.Ingest.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Ingest;

/// <summary>
/// The import history in the gatekeeper's store, and with it the importer's idempotency check. Every attempt is
/// audited (<see cref="AuditActions.DatasetImported"/> with the file's SHA-256) in the transaction that records it.
/// </summary>
public sealed class EfImportLog(IDbContextFactory<GatekeeperDbContext> factory, AuditTrail audit) : IImportLog
{
    public async Task AppendAsync(ImportRecord record, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ImportHistory.Add(ToRow(record));
        await audit.AppendAsync(db, AuditRecords.DatasetImported(record.FinishedAt, IngestActor.Current, record.DatasetId, record.ImportId, record.Sha256,
            record.Table, OutcomeCode(record.Outcome), record.Rows, record.RejectedRows,
            record.Outcome is ImportOutcome.Refused or ImportOutcome.Failed ? Truncate(record.Message, 2000) : null), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<ImportRecord?> FindCommittedAsync(string datasetId, string sha256, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var committed = nameof(ImportOutcome.Committed);
        var rows = await db.ImportHistory.AsNoTracking()
            .Where(r => r.DatasetId == datasetId && r.Sha256 == sha256 && r.Outcome == committed)
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.StartedAt).Select(ToRecord).LastOrDefault();
    }

    public async Task<IReadOnlyList<ImportRecord>> ListAsync(string datasetId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ImportHistory.AsNoTracking().Where(r => r.DatasetId == datasetId).OrderBy(r => r.StartedAt).ThenBy(r => r.ImportId).ToListAsync(cancellationToken);
        return [.. rows.Select(ToRecord)];
    }

    /// <summary>The newest attempts first, for the data stewards' history page.</summary>
    public async Task<IReadOnlyList<ImportRecord>> RecentAsync(string datasetId, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ImportHistory.AsNoTracking().Where(r => r.DatasetId == datasetId)
            .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.ImportId).Take(take).ToListAsync(cancellationToken);
        return [.. rows.Select(ToRecord)];
    }

    public async Task<ImportRecord?> FindAsync(string datasetId, string importId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.ImportHistory.AsNoTracking().FirstOrDefaultAsync(r => r.ImportId == importId && r.DatasetId == datasetId, cancellationToken);
        return row is null ? null : ToRecord(row);
    }

    /// <summary>The outcome as the audit entry's decision code.</summary>
    public static string OutcomeCode(ImportOutcome outcome) => outcome switch
    {
        ImportOutcome.Committed => "committed",
        ImportOutcome.AlreadyImported => "already-imported",
        ImportOutcome.Refused => "refused",
        _ => "failed",
    };

    private static ImportHistoryRow ToRow(ImportRecord r) => new()
    {
        ImportId = r.ImportId, DatasetId = r.DatasetId, FileName = Truncate(r.FileName, 260)!, Sha256 = r.Sha256, Outcome = r.Outcome.ToString(),
        Table = r.Table, Encoding = r.Encoding, Rows = r.Rows, RejectedRows = r.RejectedRows, PublishedRows = r.PublishedRows,
        SupersededRows = r.SupersededRows, ReplacedRows = r.ReplacedRows, ErrorRate = r.ErrorRate, MaxErrorRate = r.MaxErrorRate,
        Version = r.Version, ReportCsv = r.ReportCsv, ReportJson = r.ReportJson, CoarseningPolicySha256 = r.CoarseningPolicySha256,
        StartedAt = r.StartedAt, FinishedAt = r.FinishedAt, Message = Truncate(r.Message, 2000), ImportedBy = Truncate(r.ImportedBy, 64),
    };

    private static ImportRecord ToRecord(ImportHistoryRow r) => new()
    {
        ImportId = r.ImportId, DatasetId = r.DatasetId, FileName = r.FileName, Sha256 = r.Sha256, Outcome = Enum.Parse<ImportOutcome>(r.Outcome),
        Table = r.Table, Encoding = r.Encoding, Rows = r.Rows, RejectedRows = r.RejectedRows, PublishedRows = r.PublishedRows,
        SupersededRows = r.SupersededRows, ReplacedRows = r.ReplacedRows, ErrorRate = r.ErrorRate, MaxErrorRate = r.MaxErrorRate,
        Version = r.Version, ReportCsv = r.ReportCsv, ReportJson = r.ReportJson, CoarseningPolicySha256 = r.CoarseningPolicySha256,
        StartedAt = r.StartedAt, FinishedAt = r.FinishedAt, Message = r.Message, ImportedBy = r.ImportedBy,
    };

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
