using Gatekeeper.Domain.Organisations;
using Gatekeeper.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gatekeeper.Data.Tests.Sqlite;

/// <summary>
/// The store's contexts come from EF Core's pool: a context handed out again must carry nothing of the action that used
/// it before — no tracked entities, no transaction, no changed tracking settings — and the scoped context Identity and
/// OpenIddict use is leased from the same pool.
/// </summary>
public sealed class ContextPoolTests : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync(seed: false);

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task A_reused_context_starts_clean_after_an_action_that_rolled_back()
    {
        var factory = _store.Get<IDbContextFactory<GatekeeperDbContext>>();
        GatekeeperDbContext first;
        await using (var db = await factory.CreateDbContextAsync())
        {
            first = db;
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Organisations.Add(new Organisation { Id = "org-rolled-back", Name = "Saved, then rolled back" });
            await db.SaveChangesAsync();
            db.Organisations.Add(new Organisation { Id = "org-never-saved", Name = "Tracked, never saved" });
            db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
        }

        await using var next = await factory.CreateDbContextAsync();
        Assert.Same(first, next);
        Assert.Empty(next.ChangeTracker.Entries());
        Assert.Null(next.Database.CurrentTransaction);
        Assert.Equal(QueryTrackingBehavior.TrackAll, next.ChangeTracker.QueryTrackingBehavior);
        Assert.True(next.ChangeTracker.AutoDetectChangesEnabled);
        Assert.False(await next.Organisations.AnyAsync(o => o.Id == "org-rolled-back" || o.Id == "org-never-saved"));
    }

    [Fact]
    public async Task The_scoped_context_is_leased_from_the_pool_and_returned_with_its_scope()
    {
        GatekeeperDbContext scoped;
        await using (var scope = _store.Services.CreateAsyncScope())
        {
            scoped = scope.ServiceProvider.GetRequiredService<GatekeeperDbContext>();
            Assert.Same(scoped, scope.ServiceProvider.GetRequiredService<GatekeeperDbContext>());
            Assert.Equal(0, await scoped.Organisations.CountAsync());
        }

        await using var next = await _store.Get<IDbContextFactory<GatekeeperDbContext>>().CreateDbContextAsync();
        Assert.Same(scoped, next);
    }
}
