using Gatekeeper.Domain.Catalogue;
using Gatekeeper.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Configuration;

/// <summary>Organisations, people and the dataset catalogue.</summary>
internal static class DirectoryConfiguration
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<Organisation>(b =>
        {
            b.ToTable("organisations");
            b.HasKey(o => o.Id);
            b.Property(o => o.Id).HasMaxLength(64);
            b.Property(o => o.Name).HasMaxLength(200).IsRequired();
            b.Property(o => o.NameJa).HasMaxLength(200);
        });
        model.Entity<UserProfile>(b =>
        {
            b.ToTable("user_profiles");
            b.HasKey(u => u.Id);
            b.Property(u => u.Id).HasMaxLength(64);
            b.Property(u => u.DisplayName).HasMaxLength(200).IsRequired();
            b.Property(u => u.Email).HasMaxLength(254).IsRequired();
            b.HasIndex(u => u.Email).IsUnique();
            b.Property(u => u.OrganisationId).HasMaxLength(64).IsRequired();
            b.Property(u => u.Roles).HasJsonConversion();
            b.HasOne<Organisation>().WithMany().HasForeignKey(u => u.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<Dataset>(b =>
        {
            b.ToTable("datasets");
            b.HasKey(d => d.Id);
            b.Property(d => d.Id).HasMaxLength(64);
            b.Property(d => d.Name).HasMaxLength(200).IsRequired();
            b.Property(d => d.NameJa).HasMaxLength(200);
            b.Property(d => d.Description).HasMaxLength(4000).IsRequired();
            b.Property(d => d.DescriptionJa).HasMaxLength(4000);
            b.Property(d => d.Holder).HasMaxLength(200).IsRequired();
            b.Property(d => d.UnitIdVariable).HasMaxLength(100).IsRequired();
            b.Property(d => d.Variables).HasJsonConversion();
            b.Ignore(d => d.Tables);
        });
    }
}
