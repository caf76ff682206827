using Gatekeeper.Audit;
using Gatekeeper.Data.Administration;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Identity;
using Gatekeeper.Data.Tests.Support;
using Gatekeeper.Domain.Administration;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Organisations;
using Gatekeeper.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gatekeeper.Data.Tests.Suites;

/// <summary>
/// Administrators manage people, organisations and accreditations: every change is audited in the same
/// transaction, refused input changes nothing, and administration stays under four eyes.
/// </summary>
public abstract class AdministrationSuite<TFixture>(TFixture fixture) : StoreSuite<TFixture>(fixture)
    where TFixture : StoreFixture
{
    private static Actor Admin => TestActors.For("admin-yamada");

    private AdministrationService Admins => Store.Services.CreateScope().ServiceProvider.GetRequiredService<AdministrationService>();

    private static PersonDetails Person(string email, params string[] roles) =>
        new("Test Person", email, "univ-tokyo-hosp", roles.Length == 0 ? [Roles.Researcher] : roles);

    private static string Unique(string name) => $"{name}.{Guid.NewGuid():N}"[..24] + "@example.jp";

    [Fact]
    public async Task A_new_person_gets_an_account_with_a_one_time_password_that_verifies_and_must_be_changed()
    {
        var email = Unique("new");
        var created = AssertSucceeded(await Admins.CreatePersonAsync(Admin, Person(email, Roles.Researcher, Roles.DataSteward), None));

        await using var db = await Store.DbAsync();
        var user = await db.Users.SingleAsync(u => u.Id == created.UserId);
        var profile = await db.UserProfiles.SingleAsync(p => p.Id == created.UserId);
        Assert.True(user.MustChangePassword);
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<GatekeeperUser>().VerifyHashedPassword(user, user.PasswordHash!, created.OneTimePassword));
        Assert.DoesNotContain(created.OneTimePassword, user.PasswordHash!, StringComparison.Ordinal);
        Assert.Equal(email.ToUpperInvariant(), user.NormalizedEmail);
        Assert.Equal([Roles.Researcher, Roles.DataSteward], profile.Roles);
        Assert.True(await db.Set<AuditEntryRow>().AnyAsync(e => e.Action == "admin.person-created" && e.SubjectId == created.UserId && e.ActorId == Admin.UserId));
    }

    [Fact]
    public async Task Bad_input_names_each_field_and_rule_and_creates_nothing()
    {
        await using var before = await Store.DbAsync();
        var people = await before.UserProfiles.CountAsync();
        var audit = await before.Set<AuditEntryRow>().CountAsync();

        var result = await Admins.CreatePersonAsync(Admin, new PersonDetails(" ", "not-an-address", "nowhere", ["wizard"]), None);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e is { Field: "displayName", Rule: "required" });
        Assert.Contains(result.Errors, e => e is { Field: "email", Rule: "email-format" });
        Assert.Contains(result.Errors, e => e is { Field: "organisationId", Rule: "unknown-organisation" });
        Assert.Contains(result.Errors, e => e is { Field: "roles", Rule: "unknown-role" });
        await using var after = await Store.DbAsync();
        Assert.Equal(people, await after.UserProfiles.CountAsync());
        Assert.Equal(audit, await after.Set<AuditEntryRow>().CountAsync());
    }

    [Fact]
    public async Task A_second_account_with_the_same_address_is_refused()
    {
        var email = Unique("twice");
        AssertSucceeded(await Admins.CreatePersonAsync(Admin, Person(email), None));
        AssertRefused(await Admins.CreatePersonAsync(Admin, Person(email.ToUpperInvariant()), None), "duplicate");
    }

    [Fact]
    public async Task Changing_roles_rotates_the_security_stamp_so_every_session_ends()
    {
        var created = AssertSucceeded(await Admins.CreatePersonAsync(Admin, Person(Unique("roles")), None));
        var stamp = await StampAsync(created.UserId);

        var changed = await Admins.UpdatePersonAsync(Admin, created.UserId, Person("", Roles.Researcher, Roles.OutputChecker) with { Email = await EmailAsync(created.UserId) }, None);

        Assert.True(changed.Succeeded, changed.ToString());
        Assert.NotEqual(stamp, await StampAsync(created.UserId));
        await using var db = await Store.DbAsync();
        Assert.Contains(Roles.OutputChecker, (await db.UserProfiles.SingleAsync(p => p.Id == created.UserId)).Roles);
        var entry = await db.Set<AuditEntryRow>().SingleAsync(e => e.Action == "admin.person-updated" && e.SubjectId == created.UserId);
        Assert.Contains("output-checker", entry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_cannot_change_their_own_roles_lock_themselves_or_reset_their_own_MFA()
    {
        var other = AssertSucceeded(await Admins.CreatePersonAsync(Admin, Person(Unique("admin2"), Roles.Admin), None));
        var self = TestActors.For("admin-yamada") with { UserId = other.UserId };
        var email = await EmailAsync(other.UserId);

        AssertRefused(await Admins.UpdatePersonAsync(self, other.UserId, Person(email, Roles.Admin, Roles.OutputChecker), None), "self-administration");
        AssertRefused(await Admins.SetLockedAsync(self, other.UserId, true, null, None), "self-administration");
        AssertRefused(await Admins.ResetMfaAsync(self, other.UserId, null, None), "self-administration");
        AssertRefused(await Admins.ResetPasswordAsync(self, other.UserId, None), "self-administration");
    }

    [Fact]
    public async Task Locking_ends_sessions_and_unlocking_restores_access()
    {
        var created = AssertSucceeded(await Admins.CreatePersonAsync(Admin, Person(Unique("lock")), None));
        var stamp = await StampAsync(created.UserId);

        Assert.True((await Admins.SetLockedAsync(Admin, created.UserId, true, "left the project", None)).Succeeded);
        await using (var db = await Store.DbAsync())
        {
            var user = await db.Users.SingleAsync(u => u.Id == created.UserId);
            Assert.True(user.LockoutEnd > Store.Time.GetUtcNow().AddYears(100));
            Assert.NotEqual(stamp, user.SecurityStamp);
        }

        Assert.True((await Admins.SetLockedAsync(Admin, created.UserId, false, null, None)).Succeeded);
        Assert.Null((await Admins.ListPeopleAsync(None)).Single(p => p.Id == created.UserId).LockedUntil);
    }

    [Fact]
    public async Task Resetting_MFA_removes_the_authenticator_and_recovery_codes()
    {
        var created = AssertSucceeded(await Admins.CreatePersonAsync(Admin, Person(Unique("mfa"), Roles.ElsiReviewer), None));
        await using (var db = await Store.DbAsync())
        {
            var user = await db.Users.SingleAsync(u => u.Id == created.UserId);
            user.TwoFactorEnabled = true;
            db.Set<IdentityUserToken<string>>().Add(new IdentityUserToken<string> { UserId = user.Id, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = "KEY" });
            db.Set<IdentityUserToken<string>>().Add(new IdentityUserToken<string> { UserId = user.Id, LoginProvider = "[AspNetUserStore]", Name = "RecoveryCodes", Value = "a;b" });
            await db.SaveChangesAsync();
        }

        Assert.True((await Admins.ResetMfaAsync(Admin, created.UserId, "lost phone", None)).Succeeded);

        await using var check = await Store.DbAsync();
        Assert.False((await check.Users.SingleAsync(u => u.Id == created.UserId)).TwoFactorEnabled);
        Assert.False(await check.Set<IdentityUserToken<string>>().AnyAsync(t => t.UserId == created.UserId));
        Assert.True(await check.Set<AuditEntryRow>().AnyAsync(e => e.Action == "admin.mfa-reset" && e.SubjectId == created.UserId && e.Reason == "lost phone"));
    }

    [Fact]
    public async Task The_last_active_administrator_cannot_lose_the_role()
    {
        var lone = AssertSucceeded(await Admins.CreatePersonAsync(Admin, Person(Unique("lone"), Roles.Admin), None));
        var otherAdmin = TestActors.For("steward-ito");
        // Lock every other administrator so the new one is the last active one.
        var others = (await Admins.ListPeopleAsync(None)).Where(p => p.Roles.Contains(Roles.Admin) && p.Id != lone.UserId && p.LockedUntil is null).ToList();
        await using (var db = await Store.DbAsync())
        {
            foreach (var person in others)
            {
                var user = await db.Users.SingleOrDefaultAsync(u => u.Id == person.Id);
                if (user is null)
                {
                    user = new GatekeeperUser { Id = person.Id, UserName = person.Email, Email = person.Email, SecurityStamp = "S" };
                    db.Users.Add(user);
                }

                user.LockoutEnd = DateTimeOffset.MaxValue;
            }

            await db.SaveChangesAsync();
        }

        try
        {
            var email = await EmailAsync(lone.UserId);
            AssertRefused(await Admins.UpdatePersonAsync(otherAdmin, lone.UserId, Person(email, Roles.Researcher), None), "last-administrator");
            AssertRefused(await Admins.SetLockedAsync(otherAdmin, lone.UserId, true, null, None), "last-administrator");
        }
        finally
        {
            await using var db = await Store.DbAsync();
            foreach (var person in others) (await db.Users.SingleAsync(u => u.Id == person.Id)).LockoutEnd = null;
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task Organisations_are_created_checked_and_their_certified_flag_change_is_audited()
    {
        var id = "org-" + Guid.NewGuid().ToString("N")[..8];
        Assert.True((await Admins.SaveOrganisationAsync(Admin, new Organisation { Id = id, Name = "Kyoto Health Lab", NameJa = "京都ヘルスラボ" }, true, None)).Succeeded);
        AssertRefused(await Admins.SaveOrganisationAsync(Admin, new Organisation { Id = id, Name = "Again" }, true, None), "duplicate");
        AssertRefused(await Admins.SaveOrganisationAsync(Admin, new Organisation { Id = "Bad Id!", Name = "x" }, true, None), "id-format");

        Assert.True((await Admins.SaveOrganisationAsync(Admin, new Organisation { Id = id, Name = "Kyoto Health Lab", IsCertifiedOperator = true }, false, None)).Succeeded);

        await using var db = await Store.DbAsync();
        Assert.True((await db.Organisations.SingleAsync(o => o.Id == id)).IsCertifiedOperator);
        var entry = await db.Set<AuditEntryRow>().SingleAsync(e => e.Action == "admin.organisation-updated" && e.SubjectId == id);
        Assert.Equal("certified-operator False -> True", entry.Reason);
    }

    [Fact]
    public async Task Accreditations_are_added_with_policy_kinds_and_removed_with_an_audit_trace()
    {
        var created = AssertSucceeded(await Admins.CreatePersonAsync(Admin, Person(Unique("acc")), None));
        var kind = Admins.AccreditationKinds.Keys.First();

        AssertRefused(await Admins.AddAccreditationAsync(Admin, created.UserId, new AccreditationDetails("made-up", Today, Today.AddYears(1), "JST", null), None), "unknown-kind");
        AssertRefused(await Admins.AddAccreditationAsync(Admin, created.UserId, new AccreditationDetails(kind, Today, Today.AddDays(-1), "JST", null), None), "before-start");
        Assert.True((await Admins.AddAccreditationAsync(Admin, created.UserId, new AccreditationDetails(kind, Today, Today.AddYears(2), "APRIN", "CERT-1"), None)).Succeeded);

        var record = Assert.Single((await Admins.ListPeopleAsync(None)).Single(p => p.Id == created.UserId).Accreditations);
        Assert.Equal("CERT-1", record.Reference);
        Assert.True((await Admins.RemoveAccreditationAsync(Admin, record.Id, "entered in error", None)).Succeeded);

        Assert.Empty((await Admins.ListPeopleAsync(None)).Single(p => p.Id == created.UserId).Accreditations);
        await using var db = await Store.DbAsync();
        Assert.True(await db.Set<AuditEntryRow>().AnyAsync(e => e.Action == "admin.accreditation-removed" && e.SubjectId == created.UserId && e.Outcome == AuditOutcome.Succeeded));
    }

    private async Task<string> StampAsync(string userId)
    {
        await using var db = await Store.DbAsync();
        return (await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId)).SecurityStamp!;
    }

    private async Task<string> EmailAsync(string userId)
    {
        await using var db = await Store.DbAsync();
        return (await db.UserProfiles.AsNoTracking().SingleAsync(p => p.Id == userId)).Email;
    }
}
