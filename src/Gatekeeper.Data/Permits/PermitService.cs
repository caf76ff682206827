using Gatekeeper.Audit;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Workflows;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Permits;
using Gatekeeper.Workflows.Engine;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Permits;

/// <summary>
/// Data permits: read by their holder, team and the board (filtered by rights in the query), checked
/// by every run (<see cref="FindValidAsync"/>), revoked by the chair with immediate effect.
/// </summary>
public sealed class PermitService(IDbContextFactory<GatekeeperDbContext> factory, AuditTrail audit, TimeProvider time)
{
    private static readonly HashSet<string> BoardRoles = [Roles.DataSteward, Roles.ElsiReviewer, Roles.ElsiChair, Roles.CertifiedOperator, Roles.Admin];

    /// <summary>Permits the caller holds or is a named team member of, newest first.</summary>
    public async Task<IReadOnlyList<DataPermit>> ListMineAsync(Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var email = actor.Email.Trim().ToLowerInvariant();
        return await db.Permits.AsNoTracking()
            .Where(p => p.HolderId == actor.UserId || db.Applications.Any(a => a.Id == p.ApplicationId && a.Team.Any(t => t.Email == email)))
            .OrderByDescending(p => p.IssuedAt)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The permit if the caller may see it (holder, team, or board without a conflict of interest); otherwise null.</summary>
    public async Task<DataPermit?> GetAsync(Actor actor, Guid permitId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var permit = await db.Permits.AsNoTracking().FirstOrDefaultAsync(p => p.Id == permitId, cancellationToken);
        return permit is not null && await MaySeeAsync(db, actor, permit, cancellationToken) ? permit : null;
    }

    /// <summary>The permit issued on an application version, if the caller may see it.</summary>
    public async Task<DataPermit?> GetForApplicationAsync(Actor actor, Guid applicationId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var permit = await db.Permits.AsNoTracking().FirstOrDefaultAsync(p => p.ApplicationId == applicationId, cancellationToken);
        return permit is not null && await MaySeeAsync(db, actor, permit, cancellationToken) ? permit : null;
    }

    /// <summary>The permit if it allows work right now (not revoked, within its validity); null otherwise. Every run asks this first.</summary>
    public async Task<DataPermit?> FindValidAsync(Guid permitId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var permit = await db.Permits.AsNoTracking().FirstOrDefaultAsync(p => p.Id == permitId, cancellationToken);
        return permit is not null && permit.IsValidAt(time.GetUtcNow()) ? permit : null;
    }

    /// <summary>Revokes a permit with immediate effect; the holder is told why.</summary>
    public async Task<DomainResult<DataPermit>> RevokeAsync(Actor actor, Guid permitId, string? reason, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var permit = await db.Permits.FirstOrDefaultAsync(p => p.Id == permitId, cancellationToken);
        if (permit is null || !await MaySeeAsync(db, actor, permit, cancellationToken))
            return DomainResult<DataPermit>.Fail([ValidationError.Create("permitId", "not-found", "No such permit, or you may not see it.")]);
        var application = await db.Applications.AsNoTracking().FirstAsync(a => a.Id == permit.ApplicationId, cancellationToken);
        if (SeparationOfDuties.Conflict(actor, application) is { } conflict)
            return DomainResult<DataPermit>.Fail([ValidationError.Create("actor", "conflict-of-interest", "You cannot revoke a permit of your own organisation or team.", ("conflict", conflict))]);

        var now = time.GetUtcNow();
        var revoked = permit.Revoke(actor, reason, now);
        if (!revoked.Succeeded) return DomainResult<DataPermit>.Fail(revoked.Errors);
        var people = await db.UserProfiles.AsNoTracking().ToListAsync(cancellationToken);
        db.Notifications.Add(WorkflowRuntime.NotificationFor(new NotificationIntent(permit.HolderId, NotificationKinds.PermitRevoked, Guid.Empty, null,
            new Dictionary<string, string> { ["permit"] = permit.Number, ["reference"] = permit.ApplicationReference, ["title"] = permit.Title, ["reason"] = permit.RevocationReason! }),
            people, now, permit.ApplicationId));
        await audit.AppendAsync(db, AuditRecords.PermitRevoked(now,
            new AuditActor(actor.UserId, Roles.All.FirstOrDefault(actor.IsInRole), actor.OrganisationId, actor.ClientAddress),
            permit.Id.ToString(), permit.ApplicationReference, permit.RevocationReason!), cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return DomainResult<DataPermit>.Fail([ValidationError.Create("permitId", "stale-edit", "The permit was changed at the same moment; reload and try again.")]);
        }

        await tx.CommitAsync(cancellationToken);
        return permit;
    }

    private static async Task<bool> MaySeeAsync(GatekeeperDbContext db, Actor actor, DataPermit permit, CancellationToken cancellationToken)
    {
        if (permit.HolderId == actor.UserId) return true;
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == permit.ApplicationId, cancellationToken);
        if (application is null) return false;
        return application.IsTeamMember(actor) || (actor.Roles.Any(BoardRoles.Contains) && SeparationOfDuties.Conflict(actor, application) is null);
    }
}
