using Gatekeeper.Domain.Common;
using Gatekeeper.Workflows.Definitions;
using Gatekeeper.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Workflows;

/// <summary>
/// The review queue's data: open tasks, filtered by the caller's rights in SQL (their tasks or their
/// roles' tasks, never an application of their own organisation or team), filtered, sorted and paged
/// on the server. Served by the task indexes (status, assignee or role, deadline).
/// </summary>
public sealed class ReviewQueueService(IDbContextFactory<GatekeeperDbContext> factory, WorkflowCatalog catalog, TimeProvider time)
{
    public async Task<ReviewQueuePage> QueryAsync(Actor actor, ReviewQueueQuery query, CancellationToken cancellationToken)
    {
        var page = Math.Max(1, query.Page);
        var size = Math.Clamp(query.PageSize, 1, ReviewQueueQuery.MaxPageSize);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var tasks = Filter(db, actor, query);
        var total = await tasks.CountAsync(cancellationToken);
        var items = await Sort(tasks, query)
            .Skip((page - 1) * size)
            .Take(size)
            .Select(t => new ReviewQueueItem(t.Id, t.InstanceId, t.ApplicationId, t.DefinitionId, t.Reference, t.Title, t.State, t.Kind, t.Role,
                t.AssigneeId, t.AssigneeName, t.RiskLevel, t.CreatedAt, t.DueAt, t.DeadlineAt, t.Escalated))
            .ToListAsync(cancellationToken);
        return new ReviewQueuePage(items, total, page, size);
    }

    private IQueryable<WorkflowTask> Filter(GatekeeperDbContext db, Actor actor, ReviewQueueQuery query)
    {
        var email = actor.Email.Trim().ToLowerInvariant();
        var tasks = db.WorkflowTasks.AsNoTracking().Where(t => t.Status == WorkflowTaskStatus.Open);
        if (query.Scope == ReviewQueueScope.Mine)
        {
            tasks = tasks.Where(t => t.AssigneeId == actor.UserId);
        }
        else
        {
            var roles = actor.Roles.ToList();
            var assigns = catalog.Current.Where(d => d.Assigners.Any(actor.IsInRole)).Select(d => d.Id).ToList();
            tasks = tasks.Where(t => roles.Contains(t.Role) || assigns.Contains(t.DefinitionId));
        }

        // Separation of duties in the query: nothing of the caller's organisation, own application or team.
        tasks = tasks.Where(t => t.OrganisationId != actor.OrganisationId && t.ApplicantId != actor.UserId
                                 && !db.Applications.Any(a => a.Id == t.ApplicationId && a.Team.Any(m => m.Email == email)));

        if (query.States is { Count: > 0 } states) tasks = tasks.Where(t => states.Contains(t.State));
        if (!string.IsNullOrWhiteSpace(query.RiskLevel)) tasks = tasks.Where(t => t.RiskLevel == query.RiskLevel);
        if (query.DeadlineBefore is { } before) tasks = tasks.Where(t => t.DeadlineAt < before);
        if (query.OverdueOnly)
        {
            var now = time.GetUtcNow();
            tasks = tasks.Where(t => t.DueAt < now);
        }

        if (query.UnassignedOnly) tasks = tasks.Where(t => t.AssigneeId == null);
        if (!string.IsNullOrWhiteSpace(query.DefinitionId)) tasks = tasks.Where(t => t.DefinitionId == query.DefinitionId);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim();
            tasks = tasks.Where(t => t.Reference.Contains(search) || t.Title.Contains(search));
        }

        return tasks;
    }

    private static IQueryable<WorkflowTask> Sort(IQueryable<WorkflowTask> tasks, ReviewQueueQuery query)
    {
        var d = query.Descending;
        var sorted = query.Sort switch
        {
            ReviewQueueSort.TaskDue => d ? tasks.OrderByDescending(t => t.DueAt) : tasks.OrderBy(t => t.DueAt),
            ReviewQueueSort.Created => d ? tasks.OrderByDescending(t => t.CreatedAt) : tasks.OrderBy(t => t.CreatedAt),
            ReviewQueueSort.Reference => d ? tasks.OrderByDescending(t => t.Reference) : tasks.OrderBy(t => t.Reference),
            ReviewQueueSort.Risk => (d ? tasks.OrderByDescending(t => t.RiskLevel) : tasks.OrderBy(t => t.RiskLevel)).ThenBy(t => t.DeadlineAt),
            _ => d ? tasks.OrderByDescending(t => t.DeadlineAt) : tasks.OrderBy(t => t.DeadlineAt),
        };
        return sorted.ThenBy(t => t.Id);
    }
}
