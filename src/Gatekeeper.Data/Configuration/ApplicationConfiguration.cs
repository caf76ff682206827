using Gatekeeper.Domain.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gatekeeper.Data.Configuration;

internal sealed class ApplicationConfiguration : IEntityTypeConfiguration<SecondaryUseApplication>
{
    public void Configure(EntityTypeBuilder<SecondaryUseApplication> b)
    {
        b.ToTable("applications");
        b.HasKey(a => a.Id);
        b.Property(a => a.Reference).HasMaxLength(32).IsRequired();
        b.HasIndex(a => new { a.LineageId, a.Version }).IsUnique();
        b.HasIndex(a => a.Reference);
        b.HasIndex(a => new { a.ApplicantId, a.Status });
        b.HasIndex(a => new { a.Status, a.UpdatedAt });
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(32);
        b.Property(a => a.RequestedTier).HasConversion<string>().HasMaxLength(48);
        b.Property(a => a.ApplicantId).HasMaxLength(64).IsRequired();
        b.Property(a => a.ApplicantName).HasMaxLength(ApplicationLimits.PersonName).IsRequired();
        b.Property(a => a.OrganisationId).HasMaxLength(64).IsRequired();
        b.Property(a => a.Title).HasMaxLength(ApplicationLimits.Title);
        b.Property(a => a.LaySummary).HasMaxLength(ApplicationLimits.LaySummary);
        b.Property(a => a.ScientificAbstract).HasMaxLength(ApplicationLimits.ScientificAbstract);
        b.Property(a => a.PurposeCategory).HasMaxLength(64);
        b.Property(a => a.PurposeDescription).HasMaxLength(ApplicationLimits.PurposeDescription);
        b.Property(a => a.Safeguards).HasMaxLength(ApplicationLimits.Safeguards);
        b.Property(a => a.EthicsApprovalReference).HasMaxLength(ApplicationLimits.EthicsApprovalReference);
        b.Property(a => a.PolicySha256).HasMaxLength(64);
        b.OwnsMany(a => a.Team, t =>
        {
            // A table, not JSON, so "applications I am a team member of" is a query, not a scan.
            t.ToTable("application_team_members");
            t.WithOwner().HasForeignKey("ApplicationId");
            t.Property<Guid>("Id").ValueGeneratedOnAdd(); // client-generated: works the same on SQLite and PostgreSQL
            t.HasKey("Id");
            t.Property(m => m.Name).HasMaxLength(ApplicationLimits.PersonName);
            t.Property(m => m.Email).HasMaxLength(ApplicationLimits.Email);
            t.Property(m => m.Organisation).HasMaxLength(ApplicationLimits.Organisation);
            t.Property(m => m.ProjectRole).HasMaxLength(ApplicationLimits.ProjectRole);
            t.HasIndex(m => m.Email);
        });
        b.Property(a => a.Datasets).HasJsonConversion();
        b.Property(a => a.ConcurrencyStamp).IsConcurrencyToken();
        b.Ignore(a => a.Content);
        b.Ignore(a => a.IsEditable);

        b.HasMany(a => a.Attachments).WithOne().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.History).WithOne().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(a => a.Attachments).AutoInclude();
        b.Navigation(a => a.History).AutoInclude();
    }
}
