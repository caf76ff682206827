using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Ingest;

internal static class IngestConfiguration
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<ImportHistoryRow>(b =>
        {
            b.ToTable("import_history");
            b.HasKey(e => e.ImportId);
            b.Property(e => e.ImportId).HasMaxLength(64);
            b.Property(e => e.DatasetId).HasMaxLength(64).IsRequired();
            b.Property(e => e.FileName).HasMaxLength(260).IsRequired();
            b.Property(e => e.Sha256).HasMaxLength(64).IsRequired();
            b.Property(e => e.Outcome).HasMaxLength(32).IsRequired();
            b.Property(e => e.Table).HasMaxLength(64);
            b.Property(e => e.Encoding).HasMaxLength(32);
            b.Property(e => e.Version).HasMaxLength(128);
            b.Property(e => e.ReportCsv).HasMaxLength(1024);
            b.Property(e => e.ReportJson).HasMaxLength(1024);
            b.Property(e => e.CoarseningPolicySha256).HasMaxLength(64);
            b.Property(e => e.Message).HasMaxLength(2000);
            b.Property(e => e.ImportedBy).HasMaxLength(64);
            b.HasIndex(e => new { e.DatasetId, e.Sha256, e.Outcome });
            b.HasIndex(e => new { e.DatasetId, e.StartedAt });
        });

        model.Entity<CatalogueTableRow>(b =>
        {
            b.ToTable("catalogue_tables");
            b.HasKey(e => new { e.DatasetId, e.Table });
            b.Property(e => e.DatasetId).HasMaxLength(64);
            b.Property(e => e.Table).HasMaxLength(64);
            b.Property(e => e.Version).HasMaxLength(128).IsRequired();
            b.Property(e => e.CoarseningPolicySha256).HasMaxLength(64);
        });
    }
}
