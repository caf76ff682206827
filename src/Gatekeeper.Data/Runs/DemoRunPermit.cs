using Gatekeeper.Audit;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Permits;
using Gatekeeper.Data.Seeding;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Permits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Gatekeeper.Data.Runs;

/// <summary>
/// Demo only: issues the permit of the seeded approved application (GK-DEMO-0002: consortium, daily steps, HbA1c; aggregate
/// statistics) when it has none, so a researcher can try runs at once. Issued through the domain by the demo chair,
/// audited like any permit. Does nothing when the application is not there (the store was not demo-seeded).
/// </summary>
public sealed class DemoRunPermit(IDbContextFactory<GatekeeperDbContext> factory, AuditTrail audit, TimeProvider time, ILogger<DemoRunPermit> logger)
{
    public const string ApplicationReference = "GK-DEMO-0002";

    public async Task<DataPermit?> EnsureAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var application = await db.Applications.AsNoTracking()
            .Where(a => a.Reference == ApplicationReference && a.Status == ApplicationStatus.Approved)
            .OrderByDescending(a => a.Version).FirstOrDefaultAsync(cancellationToken);
        if (application is null) return null;
        var existing = await db.Permits.AsNoTracking().FirstOrDefaultAsync(p => p.ApplicationId == application.Id, cancellationToken);
        if (existing is not null) return existing;

        var chair = DemoDirectory.Users.First(u => u.Roles.Contains(Roles.ElsiChair));
        var actor = new Actor(chair.Id, chair.DisplayName, chair.Email, chair.OrganisationId, chair.Roles.ToHashSet());
        var now = time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var issued = DataPermit.Issue(application, PermitTerms.AsRequested(application, null, DateOnly.FromDateTime(now.UtcDateTime)),
            ["Aggregate statistics only; outputs leave through disclosure control."], actor, await PermitNumbers.NewAsync(db, now, cancellationToken), now);
        if (!issued.Succeeded)
        {
            logger.LogWarning("The demo permit could not be issued: {Errors}", string.Join("; ", issued.Errors.Select(e => e.Message)));
            return null;
        }

        db.Permits.Add(issued.Value!);
        await audit.AppendAsync(db, AuditRecords.PermitIssued(now, new AuditActor(actor.UserId, Roles.ElsiChair, actor.OrganisationId),
            issued.Value!.Id.ToString(), application.Id.ToString(), application.Reference, "demo"), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        logger.LogInformation("Issued demo permit {Permit} for {Application}", issued.Value!.Number, application.Reference);
        return issued.Value;
    }
}
