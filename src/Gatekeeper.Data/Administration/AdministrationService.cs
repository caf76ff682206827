using System.Security.Cryptography;
using Gatekeeper.Audit;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Identity;
using Gatekeeper.Domain.Accreditation;
using Gatekeeper.Domain.Administration;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Organisations;
using Gatekeeper.Domain.Policies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Administration;

/// <summary>
/// The administrators' use cases on people, organisations and accreditations. Each change is one
/// transaction with its audit entry; changes that alter what a person may do (roles, organisation,
/// lock, MFA reset, password reset) rotate the security stamp, so every session of theirs ends and
/// new tokens carry the new rights.
/// </summary>
public sealed class AdministrationService(
    IDbContextFactory<GatekeeperDbContext> factory,
    AccreditationPolicy accreditation,
    IPasswordHasher<GatekeeperUser> hasher,
    AuditTrail audit,
    TimeProvider time)
{
    private const string IdentityStoreProvider = "[AspNetUserStore]";

    public async Task<IReadOnlyList<PersonAccount>> ListPeopleAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var profiles = await db.UserProfiles.AsNoTracking().OrderBy(p => p.DisplayName).ToListAsync(cancellationToken);
        var credentials = await db.Users.AsNoTracking()
            .Select(u => new { u.Id, u.TwoFactorEnabled, u.LockoutEnd, u.MustChangePassword })
            .ToDictionaryAsync(u => u.Id, cancellationToken);
        var records = (await db.Accreditations.AsNoTracking().ToListAsync(cancellationToken))
            .ToLookup(a => a.UserId, a => new AccreditationRecord(a.Id, a.Kind, a.ValidFrom, a.ValidUntil, a.Issuer, a.Reference));
        var now = time.GetUtcNow();
        return profiles.Select(p =>
        {
            credentials.TryGetValue(p.Id, out var c);
            var locked = c?.LockoutEnd is { } end && end > now ? end : (DateTimeOffset?)null;
            return new PersonAccount(p.Id, p.DisplayName, p.Email, p.OrganisationId, p.Roles, c?.TwoFactorEnabled ?? false, locked,
                c?.MustChangePassword ?? false, [.. records[p.Id].OrderByDescending(r => r.ValidUntil)]);
        }).ToList();
    }

    public async Task<IReadOnlyList<OrganisationEntry>> ListOrganisationsAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var people = await db.UserProfiles.AsNoTracking().GroupBy(p => p.OrganisationId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return (await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(cancellationToken))
            .Select(o => new OrganisationEntry(o.Id, o.Name, o.NameJa, o.IsCertifiedOperator, people.GetValueOrDefault(o.Id)))
            .ToList();
    }

    /// <summary>Accreditation kinds from the policy, for the form's list.</summary>
    public IReadOnlyDictionary<string, LocalisedText> AccreditationKinds => accreditation.Kinds;

    public async Task<DomainResult<NewAccount>> CreatePersonAsync(Actor admin, PersonDetails details, CancellationToken cancellationToken)
    {
        details = Normalise(details);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var errors = await CheckPersonAsync(db, details, null, cancellationToken);
        if (errors.Count > 0) return DomainResult<NewAccount>.Fail(errors);

        var id = await NewUserIdAsync(db, details.Email, cancellationToken);
        var password = OneTimePasswords.Create();
        var user = new GatekeeperUser
        {
            Id = id, UserName = details.Email, NormalizedUserName = details.Email.ToUpperInvariant(), Email = details.Email,
            NormalizedEmail = details.Email.ToUpperInvariant(), EmailConfirmed = true, LockoutEnabled = true, MustChangePassword = true,
            SecurityStamp = NewStamp(), ConcurrencyStamp = Guid.NewGuid().ToString(),
        };
        user.PasswordHash = hasher.HashPassword(user, password);
        db.Users.Add(user);
        db.UserProfiles.Add(new UserProfile
        {
            Id = id, DisplayName = details.DisplayName, Email = details.Email, OrganisationId = details.OrganisationId, Roles = [.. details.Roles],
        });
        await CommitAsync(db, Record(admin, "admin.person-created", "user", id, $"roles={string.Join(',', details.Roles)}; org={details.OrganisationId}"), cancellationToken);
        return new NewAccount(id, password);
    }

    public async Task<DomainResult> UpdatePersonAsync(Actor admin, string userId, PersonDetails details, CancellationToken cancellationToken)
    {
        details = Normalise(details);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var profile = await db.UserProfiles.FirstOrDefaultAsync(p => p.Id == userId, cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (profile is null || user is null) return NotFound();

        var rolesChanged = !profile.Roles.Order().SequenceEqual(details.Roles.Order());
        var errors = (await CheckPersonAsync(db, details, userId, cancellationToken)).ToList();
        if (rolesChanged || profile.OrganisationId != details.OrganisationId) errors.AddRange(AdministrationRules.CheckNotSelf(admin, userId, "roles"));
        if (rolesChanged && profile.Roles.Contains(Roles.Admin) && !details.Roles.Contains(Roles.Admin))
            errors.AddRange(AdministrationRules.CheckAdministratorsRemain(await ActiveAdministratorsAsync(db, cancellationToken) - 1));
        if (errors.Count > 0) return DomainResult.Fail(errors);

        var changes = new List<string>();
        if (rolesChanged) changes.Add($"roles {string.Join(',', profile.Roles.Order())} -> {string.Join(',', details.Roles.Order())}");
        if (profile.OrganisationId != details.OrganisationId) changes.Add($"org {profile.OrganisationId} -> {details.OrganisationId}");
        if (profile.Email != details.Email) changes.Add("email");
        if (profile.DisplayName != details.DisplayName) changes.Add("name");
        if (changes.Count == 0) return DomainResult.Ok;

        profile.DisplayName = details.DisplayName;
        profile.Email = details.Email;
        profile.OrganisationId = details.OrganisationId;
        profile.Roles = [.. details.Roles];
        user.Email = details.Email;
        user.UserName = details.Email;
        user.NormalizedEmail = user.NormalizedUserName = details.Email.ToUpperInvariant();
        user.SecurityStamp = NewStamp();
        await CommitAsync(db, Record(admin, "admin.person-updated", "user", userId, string.Join("; ", changes)), cancellationToken);
        return DomainResult.Ok;
    }

    /// <summary>Locks (until unlocked) or unlocks an account; locking ends the person's sessions at once.</summary>
    public async Task<DomainResult> SetLockedAsync(Actor admin, string userId, bool locked, string? reason, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        var profile = await db.UserProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.Id == userId, cancellationToken);
        if (user is null || profile is null) return NotFound();
        var errors = AdministrationRules.CheckNotSelf(admin, userId, "locked").ToList();
        if (locked && profile.Roles.Contains(Roles.Admin) && !IsLocked(user))
            errors.AddRange(AdministrationRules.CheckAdministratorsRemain(await ActiveAdministratorsAsync(db, cancellationToken) - 1));
        if (errors.Count > 0) return DomainResult.Fail(errors);

        user.LockoutEnd = locked ? DateTimeOffset.MaxValue : null;
        user.AccessFailedCount = 0;
        user.SecurityStamp = NewStamp();
        await CommitAsync(db, Record(admin, locked ? "admin.person-locked" : "admin.person-unlocked", "user", userId, Trim(reason)), cancellationToken);
        return DomainResult.Ok;
    }

    /// <summary>Removes the person's authenticator and recovery codes: at next sign-in, roles that need MFA enrol again.</summary>
    public async Task<DomainResult> ResetMfaAsync(Actor admin, string userId, string? reason, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null) return NotFound();
        var errors = AdministrationRules.CheckNotSelf(admin, userId, "mfa");
        if (errors.Count > 0) return DomainResult.Fail(errors);

        user.TwoFactorEnabled = false;
        user.RecoveryCodesPending = false;
        user.SecurityStamp = NewStamp();
        db.Set<IdentityUserToken<string>>().RemoveRange(
            await db.Set<IdentityUserToken<string>>().Where(t => t.UserId == userId && t.LoginProvider == IdentityStoreProvider).ToListAsync(cancellationToken));
        await CommitAsync(db, Record(admin, "admin.mfa-reset", "user", userId, Trim(reason)), cancellationToken);
        return DomainResult.Ok;
    }

    /// <summary>Replaces the password with a one-time password the person must change at next sign-in.</summary>
    public async Task<DomainResult<NewAccount>> ResetPasswordAsync(Actor admin, string userId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null) return DomainResult<NewAccount>.Fail([NotFoundError()]);
        var errors = AdministrationRules.CheckNotSelf(admin, userId, "password");
        if (errors.Count > 0) return DomainResult<NewAccount>.Fail(errors);

        var password = OneTimePasswords.Create();
        user.PasswordHash = hasher.HashPassword(user, password);
        user.MustChangePassword = true;
        user.SecurityStamp = NewStamp();
        await CommitAsync(db, Record(admin, "admin.password-reset", "user", userId, null), cancellationToken);
        return new NewAccount(userId, password);
    }

    public async Task<DomainResult> SaveOrganisationAsync(Actor admin, Organisation organisation, bool isNew, CancellationToken cancellationToken)
    {
        organisation.Name = organisation.Name.Trim();
        organisation.NameJa = string.IsNullOrWhiteSpace(organisation.NameJa) ? null : organisation.NameJa.Trim();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var existing = await db.Organisations.FirstOrDefaultAsync(o => o.Id == organisation.Id, cancellationToken);
        if (!isNew && existing is null) return NotFound();
        var ids = isNew ? (await db.Organisations.Select(o => o.Id).ToListAsync(cancellationToken)).ToHashSet() : [];
        var errors = AdministrationRules.CheckOrganisation(organisation, isNew, ids);
        if (errors.Count > 0) return DomainResult.Fail(errors);

        string detail;
        if (existing is null)
        {
            db.Organisations.Add(new Organisation { Id = organisation.Id, Name = organisation.Name, NameJa = organisation.NameJa, IsCertifiedOperator = organisation.IsCertifiedOperator });
            detail = $"certified-operator={organisation.IsCertifiedOperator}";
        }
        else
        {
            detail = existing.IsCertifiedOperator == organisation.IsCertifiedOperator
                ? "names"
                : $"certified-operator {existing.IsCertifiedOperator} -> {organisation.IsCertifiedOperator}";
            existing.Name = organisation.Name;
            existing.NameJa = organisation.NameJa;
            existing.IsCertifiedOperator = organisation.IsCertifiedOperator;
        }

        await CommitAsync(db, Record(admin, isNew ? "admin.organisation-created" : "admin.organisation-updated", "organisation", organisation.Id, detail), cancellationToken);
        return DomainResult.Ok;
    }

    public async Task<DomainResult> AddAccreditationAsync(Actor admin, string userId, AccreditationDetails details, CancellationToken cancellationToken)
    {
        details = details with { Issuer = details.Issuer.Trim(), Reference = string.IsNullOrWhiteSpace(details.Reference) ? null : details.Reference.Trim() };
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.UserProfiles.AnyAsync(p => p.Id == userId, cancellationToken)) return NotFound();
        var errors = AdministrationRules.CheckAccreditation(details, [.. accreditation.Kinds.Keys]);
        if (errors.Count > 0) return DomainResult.Fail(errors);

        var record = new Accreditation
        {
            UserId = userId, Kind = details.Kind, ValidFrom = details.ValidFrom, ValidUntil = details.ValidUntil, Issuer = details.Issuer,
            Reference = details.Reference, RecordedAt = time.GetUtcNow(), RecordedBy = admin.UserId,
        };
        db.Accreditations.Add(record);
        await CommitAsync(db, Record(admin, "admin.accreditation-added", "user", userId, $"{details.Kind} {details.ValidFrom:yyyy-MM-dd}..{details.ValidUntil:yyyy-MM-dd}"), cancellationToken);
        return DomainResult.Ok;
    }

    /// <summary>Removes a record entered in error or withdrawn; the audit entry keeps what it said.</summary>
    public async Task<DomainResult> RemoveAccreditationAsync(Actor admin, Guid accreditationId, string? reason, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var record = await db.Accreditations.FirstOrDefaultAsync(a => a.Id == accreditationId, cancellationToken);
        if (record is null) return NotFound();
        db.Accreditations.Remove(record);
        var detail = $"{record.Kind} {record.ValidFrom:yyyy-MM-dd}..{record.ValidUntil:yyyy-MM-dd}" + (Trim(reason) is { } why ? $"; {why}" : "");
        await CommitAsync(db, Record(admin, "admin.accreditation-removed", "user", record.UserId, detail), cancellationToken);
        return DomainResult.Ok;
    }

    private static async Task<List<ValidationError>> CheckPersonAsync(GatekeeperDbContext db, PersonDetails details, string? userId, CancellationToken cancellationToken)
    {
        var organisations = (await db.Organisations.Select(o => o.Id).ToListAsync(cancellationToken)).ToHashSet();
        var errors = AdministrationRules.CheckPerson(details, organisations).ToList();
        var normalised = details.Email.ToUpperInvariant();
        if (errors.All(e => e.Field != "email") && await db.Users.AnyAsync(u => u.NormalizedEmail == normalised && u.Id != userId, cancellationToken))
            errors.Add(ValidationError.Create("email", "duplicate", "E-mail: another account already uses this address."));
        return errors;
    }

    private static async Task<int> ActiveAdministratorsAsync(GatekeeperDbContext db, CancellationToken cancellationToken)
    {
        var admins = (await db.UserProfiles.AsNoTracking().ToListAsync(cancellationToken)).Where(p => p.Roles.Contains(Roles.Admin)).Select(p => p.Id).ToList();
        var lockedIds = (await db.Users.AsNoTracking().Where(u => admins.Contains(u.Id)).ToListAsync(cancellationToken)).Where(IsLocked).Select(u => u.Id);
        return admins.Count - lockedIds.Count();
    }

    private static bool IsLocked(GatekeeperUser user) => user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow;

    private async Task CommitAsync(GatekeeperDbContext db, AuditRecord entry, CancellationToken cancellationToken)
    {
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await audit.AppendAsync(db, entry, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    private AuditRecord Record(Actor admin, string action, string subjectType, string subjectId, string? reason) => new()
    {
        At = time.GetUtcNow(),
        ActorId = admin.UserId,
        ActorRole = Roles.Admin,
        OrganisationId = admin.OrganisationId,
        Action = action,
        SubjectType = subjectType,
        SubjectIds = [subjectId],
        Outcome = AuditOutcome.Succeeded,
        Reason = reason,
        ClientAddress = admin.ClientAddress,
    };

    private static PersonDetails Normalise(PersonDetails details) => details with
    {
        DisplayName = details.DisplayName.Trim(),
        Email = details.Email.Trim().ToLowerInvariant(),
        Roles = [.. details.Roles.Distinct(StringComparer.Ordinal)],
    };

    /// <summary>A readable, stable id from the e-mail's local part, made unique with a short suffix when needed.</summary>
    private static async Task<string> NewUserIdAsync(GatekeeperDbContext db, string email, CancellationToken cancellationToken)
    {
        var local = new string(email.Split('@')[0].Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray()).Trim('-');
        var id = string.IsNullOrEmpty(local) ? "user" : local[..Math.Min(local.Length, 40)];
        while (await db.UserProfiles.AnyAsync(p => p.Id == id, cancellationToken))
            id = $"{id.Split('~')[0]}~{Convert.ToHexString(RandomNumberGenerator.GetBytes(2)).ToLowerInvariant()}";
        return id;
    }


    private static string NewStamp() => Guid.NewGuid().ToString("N").ToUpperInvariant();

    private static string? Trim(string? reason) => string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()[..Math.Min(reason.Trim().Length, 500)];

    private static ValidationError NotFoundError() => ValidationError.Create("id", "not-found", "No such record.");

    private static DomainResult NotFound() => DomainResult.Fail([NotFoundError()]);
}
