using Gatekeeper.Data.Audit;
using Gatekeeper.Testing;

namespace Gatekeeper.Audit.Tests;

/// <summary>Writes test entries to a store's chain through the product's own writer.</summary>
internal static class StoreWriting
{
    /// <summary>Appends <paramref name="count"/> records made by <paramref name="make"/> (1-based), a few hundred per transaction, then links them.</summary>
    public static async Task AppendManyAsync(TestStore store, int count, Func<int, AuditRecord> make)
    {
        var trail = store.Get<AuditTrail>();
        for (var start = 1; start <= count; start += 500)
        {
            await using var db = await store.DbAsync();
            await using var tx = await db.Database.BeginTransactionAsync();
            for (var i = start; i < start + 500 && i <= count; i++) await trail.AppendAsync(db, make(i), default);
            await tx.CommitAsync();
        }

        // What the web process's chainer does moments later.
        await trail.LinkPendingAsync(default);
    }

    public static AuditRecord Plain(TestStore store, int i) => new()
    {
        At = store.Time.GetUtcNow(), ActorId = $"user-{i % 5}", ActorRole = "researcher", OrganisationId = "org-1", Action = "test.append",
        SubjectType = "thing", SubjectIds = [$"thing-{i}"], Reason = i % 7 == 0 ? "every seventh" : null,
    };
}
