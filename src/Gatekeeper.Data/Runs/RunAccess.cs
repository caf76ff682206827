using Gatekeeper.Domain.Accreditation;
using Gatekeeper.Domain.Permits;
using Gatekeeper.Domain.Runs;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Runs;

/// <summary>
/// The rules a person must meet to run queries under a permit, checked before a run is queued and again before it
/// executes: the permit is active (not expired, revoked or not yet valid), the person is its holder or a named team
/// member, and their accreditations for running queries are current.
/// </summary>
internal static class RunAccess
{
    public static async Task<RunAdmission> CheckAsync(
        GatekeeperDbContext db, AccreditationPolicy accreditation, Guid permitId, string userId, string email, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var permit = await db.Permits.AsNoTracking().FirstOrDefaultAsync(p => p.Id == permitId, cancellationToken);
        if (permit is null || !IsOnTeam(permit, userId, email))
        {
            // A permit the person is not named on is, to them, a permit that does not exist.
            return new RunAdmission(permit is null ? null : permit, permit is null ? RunRefusalCodes.PermitNotFound : RunRefusalCodes.NotOnTeam,
                permit is null ? "No such permit." : $"You are not named on permit {permit.Number}'s team, so you cannot run queries under it.");
        }

        switch (permit.StatusAt(now))
        {
            case PermitStatus.Expired:
                return new RunAdmission(permit, RunRefusalCodes.PermitExpired, $"Permit {permit.Number} expired on {permit.ValidUntil.AddDays(-1):yyyy-MM-dd}; runs under it are refused.");
            case PermitStatus.Revoked:
                return new RunAdmission(permit, RunRefusalCodes.PermitRevoked, $"Permit {permit.Number} was revoked on {permit.RevokedAt:yyyy-MM-dd}: {permit.RevocationReason}");
            case PermitStatus.NotYetValid:
                return new RunAdmission(permit, RunRefusalCodes.PermitNotYetValid, $"Permit {permit.Number} is valid only from {permit.ValidFrom:yyyy-MM-dd}.");
        }

        var records = await db.Accreditations.AsNoTracking().Where(a => a.UserId == userId).ToListAsync(cancellationToken);
        var problems = accreditation.Check(AccreditedActivity.RunQuery, records, DateOnly.FromDateTime(now.UtcDateTime));
        if (problems.Count > 0)
            return new RunAdmission(permit, problems[0].Rule == "accreditation-missing" ? RunRefusalCodes.AccreditationMissing : RunRefusalCodes.AccreditationExpired,
                string.Join(" ", problems.Select(p => p.Message)));
        return new RunAdmission(permit, null, null);
    }

    public static bool IsOnTeam(DataPermit permit, string userId, string email) =>
        permit.HolderId == userId
        || (!string.IsNullOrWhiteSpace(email) && permit.Team.Any(t => string.Equals(t.Email.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase)));
}
