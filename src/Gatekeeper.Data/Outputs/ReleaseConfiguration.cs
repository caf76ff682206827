using Gatekeeper.Domain.Airlock;
using Gatekeeper.Domain.Outputs;
using Gatekeeper.Domain.Permits;
using Gatekeeper.Domain.Runs;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Outputs;

/// <summary>Tables of the exit review: <c>release_requests</c>, <c>release_files</c>, <c>release_votes</c>, <c>released_outputs</c>.</summary>
internal static class ReleaseConfiguration
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ReleaseRequest>(b =>
        {
            b.ToTable("release_requests");
            b.HasKey(r => r.Id);
            b.Property(r => r.Id).ValueGeneratedNever();
            b.Property(r => r.Number).HasMaxLength(16).IsRequired();
            b.HasIndex(r => r.Number).IsUnique();
            b.HasIndex(r => r.RunId).IsUnique(); // one request per run
            b.Property(r => r.RunNumber).HasMaxLength(16).IsRequired();
            b.Property(r => r.PermitNumber).HasMaxLength(32).IsRequired();
            b.Property(r => r.DatasetId).HasMaxLength(64).IsRequired();
            b.Property(r => r.RequesterId).HasMaxLength(64).IsRequired();
            b.Property(r => r.RequesterName).HasMaxLength(200).IsRequired();
            b.Property(r => r.RequesterOrganisationId).HasMaxLength(64).IsRequired();
            b.Property(r => r.Status).HasMaxLength(32).IsRequired();
            b.Property(r => r.Description).HasMaxLength(ReleaseRequest.MaxTextLength);
            b.Property(r => r.DecidedBy).HasMaxLength(64);
            b.Property(r => r.DecisionComment).HasMaxLength(ReleaseRequest.MaxTextLength);
            b.Property(r => r.PackageFile).HasMaxLength(256);
            b.Property(r => r.PackageSha256).HasMaxLength(64);
            b.Property(r => r.ConcurrencyStamp).IsConcurrencyToken();
            b.HasIndex(r => new { r.Status, r.SubmittedAt });
            b.HasIndex(r => new { r.PermitId, r.CreatedAt });
            b.HasOne<QueryRun>().WithMany().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<DataPermit>().WithMany().HasForeignKey(r => r.PermitId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<ReleaseFile>(b =>
        {
            b.ToTable("release_files");
            b.HasKey(f => f.Id);
            b.Property(f => f.Id).ValueGeneratedNever();
            b.Property(f => f.Name).HasMaxLength(64).IsRequired();
            b.Property(f => f.Description).HasMaxLength(ReleaseRequest.MaxTextLength);
            b.Property(f => f.ExceptionJustification).HasMaxLength(ReleaseRequest.MaxTextLength);
            b.Property(f => f.CheckStatus).HasMaxLength(16).IsRequired();
            b.Property(f => f.PolicyId).HasMaxLength(64);
            b.Property(f => f.PolicySha256).HasMaxLength(64);
            b.Property(f => f.Rules).HasMaxLength(256);
            b.Property(f => f.VerdictFile).HasMaxLength(256);
            b.Property(f => f.VerdictSha256).HasMaxLength(64);
            b.Property(f => f.ProtectedFile).HasMaxLength(256);
            b.Property(f => f.ProtectedSha256).HasMaxLength(64);
            b.Property(f => f.CellsFile).HasMaxLength(256);
            b.Property(f => f.CellsSha256).HasMaxLength(64);
            b.Property(f => f.LimitViolation).HasMaxLength(500);
            b.Property(f => f.Formats).HasMaxLength(32).IsRequired();
            b.Ignore(f => f.FailsAutomatically);
            b.HasIndex(f => new { f.RequestId, f.Name }).IsUnique();
            b.HasIndex(f => f.OutputId).IsUnique();
            b.HasOne<ReleaseRequest>().WithMany().HasForeignKey(f => f.RequestId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<RunOutput>().WithMany().HasForeignKey(f => f.OutputId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<ReleaseVote>(b =>
        {
            b.ToTable("release_votes");
            b.HasKey(v => v.Id);
            b.Property(v => v.Id).ValueGeneratedNever();
            b.Property(v => v.CheckerId).HasMaxLength(64).IsRequired();
            b.Property(v => v.CheckerName).HasMaxLength(200).IsRequired();
            b.Property(v => v.Choice).HasMaxLength(32).IsRequired();
            b.Property(v => v.Comment).HasMaxLength(ReleaseVote.MaxCommentLength);
            b.HasIndex(v => new { v.RequestId, v.Round, v.CheckerId, v.FileId }).IsUnique(); // one vote per file, checker and round
            b.HasOne<ReleaseRequest>().WithMany().HasForeignKey(v => v.RequestId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<ReleaseFile>().WithMany().HasForeignKey(v => v.FileId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<ReleasedOutputRow>(b =>
        {
            b.ToTable("released_outputs");
            b.HasKey(r => r.Id);
            b.Property(r => r.Id).ValueGeneratedNever();
            b.Property(r => r.CellsJson).IsRequired();
            b.HasIndex(r => new { r.PermitId, r.ReleasedAt });
            b.HasIndex(r => r.OutputId).IsUnique();
        });
    }
}
