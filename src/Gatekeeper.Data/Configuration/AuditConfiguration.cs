using System.Text.Json;
using Gatekeeper.Data.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Gatekeeper.Data.Configuration;

/// <summary>The audit tables; applied to the store's context and to the read-only <see cref="AuditReadContext"/>.</summary>
internal static class AuditConfiguration
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The <c>Details</c> column's text (null when there are none); also what the PostgreSQL append writes.</summary>
    public static string? DetailsColumn(Dictionary<string, string>? details) =>
        details == null || details.Count == 0 ? null : JsonSerializer.Serialize(details, Json);

    public static void Configure(ModelBuilder model)
    {
        model.Entity<AuditEntryRow>(b =>
        {
            b.ToTable("audit_entries");
            b.HasKey(e => e.Sequence);
            // The entry number is assigned by the store when the action's transaction writes the entry (no lock, no
            // coordination between writers); the chain position is assigned later by the single chainer, and a second
            // entry at the same position (a fork) violates the unique index and rolls the chainer's transaction back.
            b.Property(e => e.Sequence).ValueGeneratedOnAdd();
            b.HasIndex(e => e.Position).IsUnique();
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
            b.Property(e => e.Details).HasConversion(
                v => DetailsColumn(v),
                v => v == null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(v, Json),
                new ValueComparer<Dictionary<string, string>?>(
                    (a, b) => (a == null && b == null) || (a != null && b != null && a.Count == b.Count && !a.Except(b).Any()),
                    v => v == null ? 0 : v.Count,
                    v => v == null ? null : new Dictionary<string, string>(v)));
            b.Property(e => e.PreviousHash).HasMaxLength(64).IsFixedLength();
            b.Property(e => e.Hash).HasMaxLength(64).IsFixedLength();
            b.Ignore(e => e.IsPending);
            b.HasIndex(e => new { e.At, e.Sequence });
            b.HasIndex(e => new { e.SubjectId, e.Sequence });
            b.HasIndex(e => new { e.ActorId, e.Sequence });
            b.HasIndex(e => new { e.Action, e.Sequence });
            b.HasIndex(e => new { e.OrganisationId, e.Sequence });
        });
        model.Entity<AuditEntrySubjectRow>(b =>
        {
            b.ToTable("audit_entry_subjects");
            b.HasKey(s => new { s.Sequence, s.Position });
            b.Property(s => s.SubjectId).HasMaxLength(64).IsRequired();
            b.HasIndex(s => new { s.SubjectId, s.Sequence });
            b.HasOne<AuditEntryRow>().WithMany().HasForeignKey(s => s.Sequence).OnDelete(DeleteBehavior.Cascade);
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
        model.Entity<AuditArchiveRow>(b =>
        {
            b.ToTable("audit_archives");
            b.HasKey(a => a.Id);
            b.Property(a => a.FileName).HasMaxLength(200).IsRequired();
            b.Property(a => a.FileSha256).HasMaxLength(64).IsFixedLength().IsRequired();
            b.Property(a => a.LastHash).HasMaxLength(64).IsFixedLength().IsRequired();
            b.Property(a => a.CheckpointKeyId).HasMaxLength(16).IsRequired();
            b.Property(a => a.CheckpointSignature).HasMaxLength(200).IsRequired();
            b.HasIndex(a => a.FirstSequence).IsUnique();
            b.HasIndex(a => a.LastSequence).IsUnique();
        });
    }
}
