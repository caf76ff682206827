using Gatekeeper.Data.Identity;
using Gatekeeper.Domain.Accreditation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Configuration;

/// <summary>Credentials (ASP.NET Core Identity), OpenID Connect server entities (OpenIddict) and accreditations.</summary>
internal static class IdentityConfiguration
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<GatekeeperUser>().ToTable("identity_users");
        model.Entity<IdentityUserClaim<string>>().ToTable("identity_user_claims");
        model.Entity<IdentityUserLogin<string>>().ToTable("identity_user_logins");
        model.Entity<IdentityUserToken<string>>().ToTable("identity_user_tokens");
        model.UseOpenIddict();

        model.Entity<Accreditation>(b =>
        {
            b.ToTable("accreditations");
            b.HasKey(a => a.Id);
            b.Property(a => a.Id).ValueGeneratedNever();
            b.Property(a => a.UserId).HasMaxLength(64).IsRequired();
            b.Property(a => a.Kind).HasMaxLength(64).IsRequired();
            b.Property(a => a.Issuer).HasMaxLength(200).IsRequired();
            b.Property(a => a.Reference).HasMaxLength(100);
            b.Property(a => a.RecordedBy).HasMaxLength(64).IsRequired();
            b.HasIndex(a => new { a.UserId, a.Kind });
        });
    }
}
