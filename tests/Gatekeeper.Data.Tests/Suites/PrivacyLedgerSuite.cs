using Gatekeeper.Audit;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Privacy;
using Gatekeeper.Data.Tests.Support;
using Gatekeeper.Disclosure.Privacy.Budget;
using Gatekeeper.Disclosure.Suppression;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Tests.Suites;

/// <summary>The store's privacy ledger: the in-memory ledger's semantics, exact amounts, and no overspending under concurrency.</summary>
public abstract class PrivacyLedgerSuite<TFixture>(TFixture fixture) : StoreSuite<TFixture>(fixture)
    where TFixture : StoreFixture
{
    private static readonly Rational Micro = new(1, 1_000_000);

    private IPrivacyBudgetLedger Ledger => Store.Get<IPrivacyBudgetLedger>();

    private static string NewPermit() => $"P-{Guid.NewGuid():N}";

    [Fact]
    public async Task Sixty_four_concurrent_spenders_never_exceed_the_cap()
    {
        var permit = NewPermit();
        var cap = PrivacyBudget.ApproximateDp(new Rational(10, 1), Micro);
        await Ledger.OpenAsync(permit, cap);
        var cost = PrivacyBudget.ApproximateDp(new Rational(1, 7), new Rational(1, 100_000_000));
        using var start = new Barrier(64);
        var accepted = 0;
        var workers = Enumerable.Range(0, 64).Select(worker => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                for (var i = 0; i < 10; i++)
                {
                    var result = Ledger.TrySpendAsync(permit, QueryCacheKey.Create($"select {worker}, {i}", []), cost, $"worker {worker}").AsTask().GetAwaiter().GetResult();
                    if (result.Outcome == SpendOutcome.Spent) Interlocked.Increment(ref accepted);
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(workers);

        // 640 attempts of ε = 1/7 against ε = 10: exactly 70 fit (70/7 = 10, exact arithmetic).
        var account = await Ledger.GetAccountAsync(permit);
        Assert.Equal(70, accepted);
        Assert.Equal(new Rational(10, 1), account!.Spent.Epsilon);
        Assert.True(cap.Covers(account.Spent));
        var entries = await Ledger.EntriesAsync(permit);
        Assert.Equal(Enumerable.Range(1, 70).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(account.Spent, entries[^1].SpentAfter);
        await using var db = await Store.DbAsync();
        Assert.Equal(70, await db.Set<AuditEntryRow>().CountAsync(e => e.Action == AuditActions.BudgetSpent && e.SubjectId == permit));
    }

    [Fact]
    public async Task Exhaustion_is_refused_before_data_access_with_the_remaining_budget_and_nothing_recorded()
    {
        var permit = NewPermit();
        await Ledger.OpenAsync(permit, PrivacyBudget.ApproximateDp(1, Micro));
        Assert.Equal(SpendOutcome.Spent, (await Ledger.TrySpendAsync(permit, QueryCacheKey.Create("select 1", []), PrivacyBudget.ApproximateDp(new Rational(3, 5), 0), "first")).Outcome);

        var refused = await Ledger.TrySpendAsync(permit, QueryCacheKey.Create("select 2", []), PrivacyBudget.ApproximateDp(new Rational(1, 2), 0), "second");

        Assert.Equal(SpendOutcome.Refused, refused.Outcome);
        Assert.False(refused.MayReadData);
        Assert.Equal($"Refused before any data was read: this query costs ε 0.5, δ 0 but permit {permit} has only ε 0.4, δ 1e-6 remaining (cap ε 1, δ 1e-6, spent ε 0.6, δ 0).", refused.Message);
        Assert.Single(await Ledger.EntriesAsync(permit));
        Assert.Equal(new Rational(3, 5), (await Ledger.GetAccountAsync(permit))!.Spent.Epsilon);
        // Exactly the rest still fits.
        Assert.Equal(SpendOutcome.Spent, (await Ledger.TrySpendAsync(permit, QueryCacheKey.Create("select 3", []), PrivacyBudget.ApproximateDp(new Rational(2, 5), Micro), "rest")).Outcome);
    }

    [Fact]
    public async Task The_same_query_re_asked_returns_the_recorded_answer_at_no_cost_and_an_abandoned_one_pays_again()
    {
        var permit = NewPermit();
        await Ledger.OpenAsync(permit, PrivacyBudget.ApproximateDp(2, 0));
        var key = QueryCacheKey.Create("SELECT count(*) FROM t", [new("dataset", "v1")]);
        var cost = PrivacyBudget.ApproximateDp(new Rational(1, 2), 0);
        Assert.Equal(SpendOutcome.Spent, (await Ledger.TrySpendAsync(permit, key, cost, "first")).Outcome);
        var pending = await Ledger.TrySpendAsync(permit, QueryCacheKey.Create("select  COUNT(*) from T", [new("dataset", "v1")]), cost, "again");
        Assert.Equal((SpendOutcome.AlreadyPaid, (string?)null), (pending.Outcome, pending.CachedAnswer));

        await Ledger.RecordAnswerAsync(permit, key, "{\"n\":41}");
        var cached = await Ledger.TrySpendAsync(permit, key, cost, "again");
        Assert.Equal((SpendOutcome.AlreadyPaid, "{\"n\":41}"), (cached.Outcome, cached.CachedAnswer));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Ledger.RecordAnswerAsync(permit, key, "{\"n\":42}").AsTask());

        var other = QueryCacheKey.Create("select 2", []);
        await Ledger.TrySpendAsync(permit, other, cost, "fails later");
        await Ledger.AbandonAsync(permit, other);
        Assert.Equal(SpendOutcome.Spent, (await Ledger.TrySpendAsync(permit, other, cost, "retry")).Outcome);
        Assert.Equal(new Rational(3, 2), (await Ledger.GetAccountAsync(permit))!.Spent.Epsilon);
    }

    [Fact]
    public async Task Unknown_permits_are_refused_caps_are_fixed_and_zcdp_amounts_survive_the_store_exactly()
    {
        var refused = await Ledger.TrySpendAsync(NewPermit(), QueryCacheKey.Create("select 1", []), PrivacyBudget.ApproximateDp(1, 0), "x");
        Assert.Equal(SpendOutcome.Refused, refused.Outcome);
        Assert.Contains("has no privacy budget", refused.Message, StringComparison.Ordinal);

        var permit = NewPermit();
        var cap = PrivacyBudget.Zcdp(new Rational(1, 2), new Rational(1, 1_000_000_000));
        await Ledger.OpenAsync(permit, cap);
        await Ledger.OpenAsync(permit, cap);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Ledger.OpenAsync(permit, PrivacyBudget.Zcdp(1, 0)).AsTask());
        var third = new Rational(1, 3);
        await Ledger.TrySpendAsync(permit, QueryCacheKey.Create("select 1", []), PrivacyBudget.Zcdp(third, 0), "a third");
        var account = await Ledger.GetAccountAsync(permit);
        Assert.Equal(cap, account!.Cap);
        Assert.Equal(PrivacyBudget.Zcdp(new Rational(1, 6), new Rational(1, 1_000_000_000)), account.Remaining);
    }
}
