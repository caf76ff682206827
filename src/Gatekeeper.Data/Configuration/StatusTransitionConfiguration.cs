using Gatekeeper.Domain.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gatekeeper.Data.Configuration;

internal sealed class StatusTransitionConfiguration : IEntityTypeConfiguration<StatusTransition>
{
    public void Configure(EntityTypeBuilder<StatusTransition> b)
    {
        b.ToTable("application_transitions");
        b.HasKey(t => t.Id);
        // Ids are assigned by the domain; never generated, so EF inserts (not updates) rows found through navigations.
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(t => t.From).HasConversion<string>().HasMaxLength(32);
        b.Property(t => t.To).HasConversion<string>().HasMaxLength(32);
        b.Property(t => t.ActorId).HasMaxLength(64).IsRequired();
        b.Property(t => t.ActorName).HasMaxLength(ApplicationLimits.PersonName).IsRequired();
        b.Property(t => t.Reason).HasMaxLength(ApplicationLimits.Reason);
        b.HasIndex(t => new { t.ApplicationId, t.At });
    }
}
