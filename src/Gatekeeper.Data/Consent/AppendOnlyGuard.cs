using Gatekeeper.Data.Ingest;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Gatekeeper.Data.Consent;

/// <summary>Consent decisions and import history are history: rows are added, never changed or removed.</summary>
internal static class AppendOnlyGuard
{
    public static void Check(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries())
        {
            if (entry.Entity is not (ConsentEventRow or ImportHistoryRow)) continue;
            if (entry.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException($"{entry.Metadata.ClrType.Name} rows are append-only; refused {entry.State.ToString().ToLowerInvariant()} row.");
        }
    }
}
