using Gatekeeper.Ingest.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Ingest;

/// <summary>
/// Copies the published tables' catalogue entries (<c>catalogue.json</c> of each current version) into the store, so the
/// portal's catalogue shows row counts and versions without touching the analysis folder. Run after every import and
/// at start-up (which also picks up imports made with the CLI).
/// </summary>
public sealed class CatalogueTableSync(IDbContextFactory<GatekeeperDbContext> factory, AnalysisStore store)
{
    /// <summary>Brings the store's rows for the dataset in line with its published tables; returns how many tables it has.</summary>
    public async Task<int> SyncAsync(string datasetId, CancellationToken cancellationToken = default)
    {
        var entries = new List<TableCatalogueEntry>();
        foreach (var table in store.Tables(datasetId))
        {
            if (await store.ReadCatalogueAsync(datasetId, table, cancellationToken) is { } entry) entries.Add(entry);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.CatalogueTables.Where(t => t.DatasetId == datasetId).ToListAsync(cancellationToken);
        foreach (var entry in entries)
        {
            var row = rows.FirstOrDefault(r => r.Table == entry.Table);
            if (row is null)
            {
                row = new CatalogueTableRow { DatasetId = datasetId, Table = entry.Table, Version = entry.Version };
                db.CatalogueTables.Add(row);
            }

            row.Version = entry.Version;
            row.RowCount = entry.RowCount;
            row.VariableCount = entry.Variables.Count;
            row.FileCount = entry.Imports.Count;
            row.CoarseningPolicySha256 = entry.CoarseningPolicySha256;
            row.PublishedAt = entry.PublishedAt;
        }

        db.CatalogueTables.RemoveRange(rows.Where(r => entries.All(e => e.Table != r.Table)));
        await db.SaveChangesAsync(cancellationToken);
        return entries.Count;
    }
}
