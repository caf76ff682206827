using Gatekeeper.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Directory;

/// <summary>Reads organisations and people (the directory the identity provider will own).</summary>
public sealed class DirectoryService(IDbContextFactory<GatekeeperDbContext> factory)
{
    public async Task<Organisation?> FindOrganisationAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
    }

    public async Task<IReadOnlyList<UserProfile>> ListUsersAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.UserProfiles.AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync(cancellationToken);
    }

    public async Task<UserProfile?> FindUserAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.UserProfiles.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
    }
}
