using Gatekeeper.Data.Audit;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Configuration;

internal static class AuditConfiguration
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<AuditEntryRow>(b =>
        {
            b.ToTable("audit_entries");
            b.HasKey(e => e.Sequence);
            // The sequence is computed by the writer under a lock; a duplicate (a fork) violates the key and rolls back.
            b.Property(e => e.Sequence).ValueGeneratedNever();
            b.Property(e => e.ActorId).HasMaxLength(64).IsRequired();
            b.Property(e => e.ActorRole).HasMaxLength(64);
            b.Property(e => e.OrganisationId).HasMaxLength(64);
            b.Property(e => e.Action).HasMaxLength(64).IsRequired();
            b.Property(e => e.SubjectType).HasMaxLength(32);
            b.Property(e => e.SubjectId).HasMaxLength(64);
            b.Property(e => e.SubjectIds).HasJsonConversion();
            b.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(16);
            b.Property(e => e.Reason).HasMaxLength(2000);
            b.Property(e => e.ClientAddress).HasMaxLength(64);
            b.Property(e => e.PreviousHash).HasMaxLength(64).IsFixedLength().IsRequired();
            b.Property(e => e.Hash).HasMaxLength(64).IsFixedLength().IsRequired();
            b.HasIndex(e => e.At);
            b.HasIndex(e => new { e.SubjectId, e.Sequence });
            b.HasIndex(e => new { e.ActorId, e.Sequence });
            b.HasIndex(e => new { e.Action, e.Sequence });
        });
        model.Entity<AuditCheckpointRow>(b =>
        {
            b.ToTable("audit_checkpoints");
            b.HasKey(c => c.Sequence);
            b.Property(c => c.Sequence).ValueGeneratedNever();
            b.Property(c => c.EntryHash).HasMaxLength(64).IsFixedLength().IsRequired();
            b.Property(c => c.KeyId).HasMaxLength(16).IsRequired();
            b.Property(c => c.Signature).HasMaxLength(200).IsRequired();
        });
    }
}
