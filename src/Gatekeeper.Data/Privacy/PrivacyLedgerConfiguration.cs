using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Privacy;

internal static class PrivacyLedgerConfiguration
{
    private const int Amount = 400;

    public static void Configure(ModelBuilder model)
    {
        model.Entity<PrivacyAccountRow>(b =>
        {
            b.ToTable("privacy_accounts");
            b.HasKey(a => a.PermitId);
            b.Property(a => a.PermitId).HasMaxLength(64);
            b.Property(a => a.Model).HasMaxLength(32);
            foreach (var p in new[] { "CapEpsilon", "CapDelta", "CapRho", "SpentEpsilon", "SpentDelta", "SpentRho" }) b.Property(p).HasMaxLength(Amount);
        });
        model.Entity<PrivacyLedgerEntryRow>(b =>
        {
            b.ToTable("privacy_ledger");
            b.HasKey(e => new { e.PermitId, e.Sequence });
            b.Property(e => e.PermitId).HasMaxLength(64);
            b.Property(e => e.QueryKey).HasMaxLength(128);
            b.Property(e => e.Description).HasMaxLength(2000);
            foreach (var p in new[] { "CostEpsilon", "CostDelta", "CostRho", "SpentEpsilonAfter", "SpentDeltaAfter", "SpentRhoAfter" }) b.Property(p).HasMaxLength(Amount);
        });
        model.Entity<PrivacyAnswerRow>(b =>
        {
            b.ToTable("privacy_answers");
            b.HasKey(a => new { a.PermitId, a.QueryKey });
            b.Property(a => a.PermitId).HasMaxLength(64);
            b.Property(a => a.QueryKey).HasMaxLength(128);
        });
    }
}
