using Gatekeeper.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Catalogue;

/// <summary>Reads the dataset catalogue researchers choose from.</summary>
public sealed class CatalogueService(IDbContextFactory<GatekeeperDbContext> factory)
{
    public async Task<IReadOnlyList<Dataset>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Datasets.AsNoTracking().OrderBy(d => d.Name).ToListAsync(cancellationToken);
    }

    public async Task<Dataset?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Datasets.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
    }

    /// <summary>The dataset's published analysis tables (empty before the first import), by table name.</summary>
    public async Task<IReadOnlyList<PublishedTable>> PublishedTablesAsync(string datasetId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.CatalogueTables.AsNoTracking().Where(t => t.DatasetId == datasetId).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Table, StringComparer.Ordinal).Select(r => new PublishedTable(r.Table, r.Version, r.RowCount, r.VariableCount, r.FileCount, r.PublishedAt))];
    }

    /// <summary>Published rows per dataset, for the catalogue list.</summary>
    public async Task<IReadOnlyDictionary<string, long>> PublishedRowsAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.CatalogueTables.AsNoTracking().Select(t => new { t.DatasetId, t.RowCount }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.DatasetId).ToDictionary(g => g.Key, g => g.Sum(r => r.RowCount), StringComparer.Ordinal);
    }

    public async Task<CatalogueSnapshot> SnapshotAsync(CancellationToken cancellationToken) =>
        new(await ListAsync(cancellationToken));
}
