using Gatekeeper.Audit;
using Gatekeeper.Data;
using Gatekeeper.Data.Applications;
using Gatekeeper.Data.Audit;
using Gatekeeper.Testing;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Audit.Tests;

/// <summary>The stored audit trail on a real store: transactional, fork-free under concurrency, tamper-evident.</summary>
public abstract class AuditTrailStoreTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync(provider, seed: true);

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Application_actions_are_chained_and_the_chain_verifies()
    {
        var service = _store.Get<ApplicationService>();
        var today = DateOnly.FromDateTime(_store.Time.GetUtcNow().UtcDateTime);
        var draft = (await service.CreateDraftAsync(TestActors.Sato, SampleContent.Complete(today), default)).Value!;
        var submitted = await service.SubmitAsync(TestActors.Sato, draft.Id, draft.ConcurrencyStamp, default);
        var again = await service.SubmitAsync(TestActors.Sato, draft.Id, draft.ConcurrencyStamp, default);

        Assert.True(submitted.Succeeded);
        Assert.False(again.Succeeded);
        await using var db = await _store.DbAsync();
        var entries = await db.Set<AuditEntryRow>().Where(e => e.SubjectId == draft.Id.ToString()).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(
            [("application.created", AuditOutcome.Succeeded), ("application.submitted", AuditOutcome.Succeeded), ("application.submitted", AuditOutcome.Refused)],
            entries.Select(e => (e.Action, e.Outcome)));
        Assert.Contains("already-submitted", entries[^1].Reason, StringComparison.Ordinal);
        var result = await _store.Get<AuditTrail>().VerifyAsync(default);
        Assert.True(result.IsValid, result.Message);
        Assert.True(result.CheckpointsChecked >= 1);
    }

    [Fact]
    public async Task Concurrent_writers_never_fork_the_chain()
    {
        var trail = _store.Get<AuditTrail>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
                await trail.RecordAsync(new AuditRecord { At = _store.Time.GetUtcNow(), ActorId = $"writer-{writer}", Action = "test.append", SubjectIds = [$"{writer}-{i}"] }, default);
        })));

        await using var db = await _store.DbAsync();
        var sequences = await db.Set<AuditEntryRow>().OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
        Assert.Equal(200, await db.Set<AuditEntryRow>().CountAsync(e => e.Action == "test.append"));
        var result = await trail.VerifyAsync(default);
        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public async Task Entries_stamped_by_a_clock_finer_than_the_store_still_verify()
    {
        var trail = _store.Get<AuditTrail>();
        // The real clock has 100 ns ticks and a local offset; neither survives the store's rounding unchanged.
        var at = new DateTimeOffset(2026, 11, 23, 9, 30, 15, TimeSpan.FromHours(9)).AddTicks(1_234_567);
        await trail.RecordAsync(new AuditRecord { At = at, ActorId = "clock-test", Action = "test.precision", SubjectIds = ["x"] }, default);
        await trail.RecordAsync(new AuditRecord { At = TimeProvider.System.GetUtcNow(), ActorId = "clock-test", Action = "test.precision", SubjectIds = ["y"] }, default);

        var result = await trail.VerifyAsync(default);
        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public async Task An_entry_of_a_rolled_back_action_is_not_kept()
    {
        var trail = _store.Get<AuditTrail>();
        await using (var db = await _store.DbAsync())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await trail.AppendAsync(db, new AuditRecord { At = _store.Time.GetUtcNow(), ActorId = "system", Action = "test.rolled-back" }, default);
            await tx.RollbackAsync();
        }

        await using var check = await _store.DbAsync();
        Assert.False(await check.Set<AuditEntryRow>().AnyAsync(e => e.Action == "test.rolled-back"));
        Assert.True((await trail.VerifyAsync(default)).IsValid);
    }

    [Fact]
    public async Task Appending_outside_a_transaction_is_refused()
    {
        await using var db = await _store.DbAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _store.Get<AuditTrail>().AppendAsync(db, new AuditRecord { At = _store.Time.GetUtcNow(), ActorId = "system", Action = "test.loose" }, default));
    }

    [Fact]
    public async Task An_entry_edited_in_the_database_is_found_at_its_position()
    {
        var trail = _store.Get<AuditTrail>();
        for (var i = 0; i < 12; i++)
            await trail.RecordAsync(new AuditRecord { At = _store.Time.GetUtcNow(), ActorId = "user", Action = "test.append" }, default);
        await using (var db = await _store.DbAsync())
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET \"Reason\" = 'covered up' WHERE \"Sequence\" = 7");

        var result = await trail.VerifyAsync(default);
        Assert.False(result.IsValid);
        Assert.Equal(7, result.BrokenAt);
    }
}

public sealed class SqliteAuditTrailStoreTests() : AuditTrailStoreTests(DatabaseProvider.Sqlite);

public sealed class PostgresAuditTrailStoreTests() : AuditTrailStoreTests(DatabaseProvider.Postgres);
