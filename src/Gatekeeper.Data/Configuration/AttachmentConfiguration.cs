using Gatekeeper.Domain.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gatekeeper.Data.Configuration;

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<ApplicationAttachment>
{
    public void Configure(EntityTypeBuilder<ApplicationAttachment> b)
    {
        b.ToTable("application_attachments");
        b.HasKey(a => a.Id);
        // Ids are assigned by the domain; never generated, so EF inserts (not updates) rows found through navigations.
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(a => a.Kind).HasMaxLength(32).IsRequired();
        b.Property(a => a.FileName).HasMaxLength(255).IsRequired();
        b.Property(a => a.ContentType).HasMaxLength(100).IsRequired();
        b.Property(a => a.Sha256).HasMaxLength(64).IsFixedLength().IsRequired();
        b.Property(a => a.UploadedBy).HasMaxLength(64).IsRequired();
    }
}
