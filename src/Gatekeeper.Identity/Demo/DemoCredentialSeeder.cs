using Gatekeeper.Data;
using Gatekeeper.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Identity.Demo;

/// <summary>
/// Gives every demo person without credentials an account with a random one-time password, printed
/// once to the console (never logged or stored) and to be changed at first sign-in. Roles that
/// require MFA enrol an authenticator at first sign-in.
/// </summary>
public sealed class DemoCredentialSeeder(UserManager<GatekeeperUser> users, IDbContextFactory<GatekeeperDbContext> factory, TextWriter console)
{
    public async Task<IReadOnlyList<(string Email, string Password)>> SeedAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var existing = await db.Users.Select(u => u.Id).ToListAsync(cancellationToken);
        var profiles = await db.UserProfiles.AsNoTracking().Where(p => !existing.Contains(p.Id)).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var created = new List<(string, string)>();
        foreach (var profile in profiles)
        {
            var password = OneTimePasswords.Create();
            var user = new GatekeeperUser
            {
                Id = profile.Id, UserName = profile.Email, Email = profile.Email, EmailConfirmed = true, MustChangePassword = true, LockoutEnabled = true,
            };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
                throw new InvalidOperationException($"Demo account {profile.Email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            created.Add((profile.Email, password));
        }

        if (created.Count > 0)
        {
            await console.WriteLineAsync();
            await console.WriteLineAsync("==== Gatekeeper demo accounts: one-time passwords, shown only now ====");
            foreach (var profile in profiles)
                await console.WriteLineAsync($"  {string.Join(",", profile.Roles),-20} {profile.Email,-34} {created.First(c => c.Item1 == profile.Email).Item2}   {profile.DisplayName}");
            await console.WriteLineAsync("  Sign in at /, change the password; staff roles also set up an authenticator app (TOTP).");
            await console.WriteLineAsync();
        }

        return created;
    }
}
