using Gatekeeper.Domain.Common;
using Gatekeeper.Workflows.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Workflows;

/// <summary>The caller's in-app notifications (never anyone else's).</summary>
public sealed class NotificationService(IDbContextFactory<GatekeeperDbContext> factory, TimeProvider time)
{
    public async Task<IReadOnlyList<Notification>> ListAsync(Actor actor, bool unreadOnly, int take, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var query = db.Notifications.AsNoTracking().Where(n => n.UserId == actor.UserId);
        if (unreadOnly) query = query.Where(n => n.ReadAt == null);
        return await query.OrderByDescending(n => n.CreatedAt).Take(Math.Clamp(take, 1, 200)).ToListAsync(cancellationToken);
    }

    public async Task<int> UnreadCountAsync(Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Notifications.CountAsync(n => n.UserId == actor.UserId && n.ReadAt == null, cancellationToken);
    }

    /// <summary>Marks the caller's notifications read; ids of other people's notifications are ignored.</summary>
    public async Task<int> MarkReadAsync(Actor actor, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var unread = await db.Notifications.Where(n => n.UserId == actor.UserId && n.ReadAt == null && ids.Contains(n.Id)).ToListAsync(cancellationToken);
        foreach (var n in unread) n.ReadAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return unread.Count;
    }
}
