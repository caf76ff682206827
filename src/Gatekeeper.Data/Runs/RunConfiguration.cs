using Gatekeeper.Domain.Airlock;
using Gatekeeper.Domain.Permits;
using Gatekeeper.Domain.Runs;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Runs;

/// <summary>Tables of the job queue (<c>query_runs</c>) and the airlock's records (<c>run_outputs</c>).</summary>
internal static class RunConfiguration
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<QueryRun>(b =>
        {
            b.ToTable("query_runs");
            b.HasKey(r => r.Id);
            b.Property(r => r.Id).ValueGeneratedNever();
            b.Property(r => r.Number).HasMaxLength(16).IsRequired();
            b.HasIndex(r => r.Number).IsUnique();
            b.Property(r => r.PermitNumber).HasMaxLength(32).IsRequired();
            b.Property(r => r.DatasetId).HasMaxLength(64).IsRequired();
            b.Property(r => r.RequesterId).HasMaxLength(64).IsRequired();
            b.Property(r => r.RequesterName).HasMaxLength(200).IsRequired();
            b.Property(r => r.RequesterOrganisationId).HasMaxLength(64).IsRequired();
            b.Property(r => r.RequesterRole).HasMaxLength(48);
            b.Property(r => r.Query).HasMaxLength(QueryRun.MaxQueryLength).IsRequired();
            b.Property(r => r.QueryHash).HasMaxLength(64).IsRequired();
            b.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
            b.Property(r => r.Phase).HasMaxLength(16).IsRequired();
            b.Property(r => r.Message).HasMaxLength(QueryRun.MaxMessageLength);
            b.Property(r => r.ReasonCode).HasMaxLength(64);
            b.Property(r => r.ExecutionId).HasMaxLength(64);
            b.Property(r => r.LeaseOwner).HasMaxLength(128);
            b.Property(r => r.AirlockFolder).HasMaxLength(256);
            b.Property(r => r.ManifestSha256).HasMaxLength(64);
            b.Property(r => r.PolicyVersion).HasMaxLength(128);
            b.Property(r => r.SandboxMode).HasMaxLength(16);
            b.Property(r => r.ConcurrencyStamp).IsConcurrencyToken();
            b.Ignore(r => r.IsFinal);
            // The queue: oldest queued first; expired leases of running jobs.
            b.HasIndex(r => new { r.State, r.RequestedAt });
            b.HasIndex(r => new { r.PermitId, r.RequestedAt });
            b.HasOne<DataPermit>().WithMany().HasForeignKey(r => r.PermitId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<RunOutput>(b =>
        {
            b.ToTable("run_outputs");
            b.HasKey(o => o.Id);
            b.Property(o => o.Id).ValueGeneratedNever();
            b.Property(o => o.Name).HasMaxLength(64).IsRequired();
            b.Property(o => o.Sql).HasMaxLength(QueryRun.MaxQueryLength * 2).IsRequired();
            b.Property(o => o.Plan).HasMaxLength(16).IsRequired();
            b.Property(o => o.ParquetFile).HasMaxLength(256).IsRequired();
            b.Property(o => o.ParquetSha256).HasMaxLength(64).IsRequired();
            b.Property(o => o.CsvFile).HasMaxLength(256).IsRequired();
            b.Property(o => o.CsvSha256).HasMaxLength(64).IsRequired();
            b.Property(o => o.ShadowFile).HasMaxLength(256);
            b.Property(o => o.ShadowSha256).HasMaxLength(64);
            b.Property(o => o.Status).HasMaxLength(32).IsRequired();
            b.HasIndex(o => new { o.RunId, o.Name }).IsUnique();
            b.HasIndex(o => new { o.Status, o.CreatedAt });
            b.HasIndex(o => o.PermitId);
            b.HasOne<QueryRun>().WithMany().HasForeignKey(o => o.RunId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
