using Gatekeeper.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Web.Components.Pages.Reviews;

/// <summary>
/// Which reviews of a queue page had their decision deadline extended. The queue rows carry the deadline
/// but not whether it was extended (EHDS allows that once), and the countdown must say so; one query by
/// primary key per page keeps the queue as fast as its own query.
/// </summary>
public sealed class ReviewDeadlineLookup(IDbContextFactory<GatekeeperDbContext> factory)
{
    public async Task<IReadOnlySet<Guid>> ExtendedAsync(IReadOnlyCollection<Guid> instanceIds, CancellationToken cancellationToken)
    {
        if (instanceIds.Count == 0) return new HashSet<Guid>();
        var ids = instanceIds.Distinct().ToList();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var extended = await db.WorkflowInstances.AsNoTracking()
            .Where(i => ids.Contains(i.Id) && i.DeadlineExtensions > 0)
            .Select(i => i.Id)
            .ToListAsync(cancellationToken);
        return extended.ToHashSet();
    }
}
