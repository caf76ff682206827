using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gatekeeper.Data.Consent;

internal sealed class ConsentConfiguration : IEntityTypeConfiguration<ConsentEventRow>
{
    public void Configure(EntityTypeBuilder<ConsentEventRow> b)
    {
        b.ToTable("consent_events");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedOnAdd();
        b.Property(e => e.DatasetId).HasMaxLength(64).IsRequired();
        b.Property(e => e.Pseudonym).HasMaxLength(64).IsRequired();
        b.Property(e => e.PurposeCode).HasMaxLength(64).IsRequired();
        b.Property(e => e.Source).HasMaxLength(128).IsRequired();
        // Wall-clock times without zone, as ticks: both stores compare them exactly and neither applies a zone.
        b.Property(e => e.EffectiveFrom).HasConversion(v => v.Ticks, v => new DateTime(v, DateTimeKind.Unspecified));
        b.Property(e => e.UpdateTime).HasConversion(v => v.Ticks, v => new DateTime(v, DateTimeKind.Unspecified));
        // The same decision recorded twice counts once (imports of overlapping files, retried API calls).
        b.HasIndex(e => new { e.DatasetId, e.Pseudonym, e.PurposeCode, e.Action, e.EffectiveFrom, e.UpdateTime }).IsUnique();
        // "Who is excluded for purpose P at time T": the scope and date range first.
        b.HasIndex(e => new { e.DatasetId, e.PurposeCode, e.EffectiveFrom });
    }
}
