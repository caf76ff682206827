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

    public async Task<CatalogueSnapshot> SnapshotAsync(CancellationToken cancellationToken) =>
        new(await ListAsync(cancellationToken));
}
