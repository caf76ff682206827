using Gatekeeper.Data.Configuration;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Permits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gatekeeper.Data.Permits;

internal sealed class PermitConfiguration : IEntityTypeConfiguration<DataPermit>
{
    public void Configure(EntityTypeBuilder<DataPermit> b)
    {
        b.ToTable("data_permits");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Number).HasMaxLength(32).IsRequired();
        b.HasIndex(p => p.Number).IsUnique();
        // One permit per approved application version.
        b.HasIndex(p => p.ApplicationId).IsUnique();
        b.HasIndex(p => p.LineageId);
        b.HasIndex(p => p.HolderId);
        b.HasIndex(p => p.OrganisationId);
        b.Property(p => p.ApplicationReference).HasMaxLength(32).IsRequired();
        b.Property(p => p.HolderId).HasMaxLength(64).IsRequired();
        b.Property(p => p.HolderName).HasMaxLength(ApplicationLimits.PersonName).IsRequired();
        b.Property(p => p.OrganisationId).HasMaxLength(64).IsRequired();
        b.Property(p => p.Title).HasMaxLength(ApplicationLimits.Title).IsRequired();
        b.Property(p => p.PurposeCategory).HasMaxLength(64).IsRequired();
        b.Property(p => p.PurposeDescription).HasMaxLength(ApplicationLimits.PurposeDescription).IsRequired();
        b.Property(p => p.Tier).HasConversion<string>().HasMaxLength(48);
        b.Property(p => p.Datasets).HasJsonConversion();
        b.Property(p => p.Conditions).HasJsonConversion();
        b.Property(p => p.Team).HasJsonConversion();
        b.Property(p => p.IssuedById).HasMaxLength(64).IsRequired();
        b.Property(p => p.IssuedByName).HasMaxLength(200).IsRequired();
        b.Property(p => p.RevokedById).HasMaxLength(64);
        b.Property(p => p.RevocationReason).HasMaxLength(ApplicationLimits.Reason);
        b.Property(p => p.ConcurrencyStamp).IsConcurrencyToken();
        b.Ignore(p => p.PrivacyBudget);
        b.HasOne<SecondaryUseApplication>().WithMany().HasForeignKey(p => p.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}
