using Gatekeeper.Disclosure.Privacy.Accounting;
using Gatekeeper.Disclosure.Privacy.Budget;
using Gatekeeper.Disclosure.Suppression;

namespace Gatekeeper.Disclosure.Tests.Privacy.Budget;

public sealed class BudgetLedgerTests
{
    private static readonly Rational Micro = new(1, 1_000_000);

    [Fact]
    public void Spending_composes_sequentially_and_exhaustion_is_refused_with_the_remaining_budget()
    {
        var account = BudgetAccount.Open("P-7", PrivacyBudget.ApproximateDp(1, Micro));
        var first = account.TrySpend(PrivacyBudget.ApproximateDp(new Rational(3, 5), 0));
        Assert.Equal(SpendOutcome.Spent, first.Outcome);
        Assert.True(first.MayReadData);
        Assert.Equal(PrivacyBudget.ApproximateDp(new Rational(2, 5), Micro), first.Account.Remaining);
        Assert.Equal("Spent ε 0.6, δ 0 of permit P-7's privacy budget; ε 0.4, δ 1e-6 remaining of ε 1, δ 1e-6.", first.Message);

        var refused = first.Account.TrySpend(PrivacyBudget.ApproximateDp(new Rational(1, 2), 0));
        Assert.Equal(SpendOutcome.Refused, refused.Outcome);
        Assert.False(refused.MayReadData);
        Assert.Same(first.Account, refused.Account);
        Assert.Equal("Refused before any data was read: this query costs ε 0.5, δ 0 but permit P-7 has only ε 0.4, δ 1e-6 remaining (cap ε 1, δ 1e-6, spent ε 0.6, δ 0).", refused.Message);

        // Exactly the rest fits (exact arithmetic: no rounding can refuse it or let more through).
        Assert.Equal(SpendOutcome.Spent, first.Account.TrySpend(PrivacyBudget.ApproximateDp(new Rational(2, 5), Micro)).Outcome);
        Assert.Equal(SpendOutcome.Refused, first.Account.TrySpend(PrivacyBudget.ApproximateDp(new Rational(2, 5), Micro + new Rational(1, 1_000_000_000_000))).Outcome);
    }

    [Fact]
    public void Zcdp_budgets_add_rho_and_charge_pure_losses_as_half_epsilon_squared()
    {
        var cap = PrivacyBudget.Zcdp(new Rational(1, 2), Micro);
        var charge = PrivacyBudget.Charge(PrivacyBudgetModel.ZeroConcentratedDp, PrivacyLoss.Pure(new Rational(1, 2)));
        Assert.Equal(PrivacyBudget.Zcdp(new Rational(1, 8), 0), charge);
        var account = BudgetAccount.Open("P-1", cap);
        for (var i = 0; i < 4; i++) account = account.TrySpend(charge).Account;
        Assert.Equal(PrivacyBudget.Zcdp(0, Micro), account.Remaining);
        Assert.Contains("ρ 0.125, δ 0", account.TrySpend(charge).Message, StringComparison.Ordinal);

        var (epsilon, delta) = cap.AsApproximateDp(Micro);
        Assert.Equal(2 * Micro, delta);
        Assert.True(epsilon > new Rational(1, 2));
        Assert.Throws<ArgumentException>(() => PrivacyBudget.Charge(PrivacyBudgetModel.ApproximateDp, PrivacyLoss.Zcdp(1)));
        Assert.Equal(SpendOutcome.Refused, account.TrySpend(PrivacyBudget.ApproximateDp(0, 0)).Outcome);
    }

    [Fact]
    public async Task Sixty_four_concurrent_spenders_never_exceed_the_cap()
    {
        var ledger = new InMemoryPrivacyBudgetLedger();
        var cap = PrivacyBudget.ApproximateDp(new Rational(10, 1), Micro);
        await ledger.OpenAsync("P-64", cap);
        var cost = PrivacyBudget.ApproximateDp(new Rational(1, 7), new Rational(1, 100_000_000));
        using var start = new Barrier(64);
        var accepted = 0;
        var tasks = Enumerable.Range(0, 64).Select(worker => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                for (var i = 0; i < 10; i++)
                {
                    var key = QueryCacheKey.Create($"select {worker}, {i}", []);
                    var result = ledger.TrySpendAsync("P-64", key, cost, "test").AsTask().GetAwaiter().GetResult();
                    if (result.Outcome == SpendOutcome.Spent) Interlocked.Increment(ref accepted);
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(tasks);

        // 640 attempts of ε = 1/7 against ε = 10: exactly 70 fit (70/7 = 10), and δ (70 × 1e-8) stays below its cap.
        var account = await ledger.GetAccountAsync("P-64");
        Assert.Equal(70, accepted);
        Assert.Equal(new Rational(10, 1), account!.Spent.Epsilon);
        Assert.True(cap.Covers(account.Spent));
        var entries = await ledger.EntriesAsync("P-64");
        Assert.Equal(70, entries.Count);
        Assert.Equal(Enumerable.Range(1, 70).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(account.Spent, entries[^1].SpentAfter);
    }

    [Fact]
    public async Task The_same_query_re_asked_returns_the_cached_answer_at_no_cost()
    {
        var ledger = new InMemoryPrivacyBudgetLedger();
        await ledger.OpenAsync("P-2", PrivacyBudget.ApproximateDp(1, 0));
        var key = QueryCacheKey.Create("SELECT count(*) FROM t", [new("dataset", "v1")]);
        var same = QueryCacheKey.Create("select   COUNT(*)\n from T;  -- again", [new("dataset", "v1")]);
        Assert.Equal(key, same);
        var cost = PrivacyBudget.ApproximateDp(new Rational(1, 2), 0);

        Assert.Equal(SpendOutcome.Spent, (await ledger.TrySpendAsync("P-2", key, cost, "first")).Outcome);
        var pending = await ledger.TrySpendAsync("P-2", same, cost, "again");
        Assert.Equal(SpendOutcome.AlreadyPaid, pending.Outcome);
        Assert.Null(pending.CachedAnswer);
        Assert.False(pending.MayReadData);

        await ledger.RecordAnswerAsync("P-2", key, "{\"answer\":41}");
        var cached = await ledger.TrySpendAsync("P-2", same, cost, "again");
        Assert.Equal(SpendOutcome.AlreadyPaid, cached.Outcome);
        Assert.Equal("{\"answer\":41}", cached.CachedAnswer);
        Assert.Equal(new Rational(1, 2), (await ledger.GetAccountAsync("P-2"))!.Spent.Epsilon);
        Assert.Throws<InvalidOperationException>(() => ledger.RecordAnswerAsync("P-2", key, "{\"answer\":42}").AsTask().GetAwaiter().GetResult());
    }

    [Fact]
    public async Task An_abandoned_run_keeps_its_spend_and_a_new_ask_pays_again()
    {
        var ledger = new InMemoryPrivacyBudgetLedger();
        await ledger.OpenAsync("P-3", PrivacyBudget.ApproximateDp(1, 0));
        var key = QueryCacheKey.Create("select 1", []);
        var cost = PrivacyBudget.ApproximateDp(new Rational(1, 2), 0);
        await ledger.TrySpendAsync("P-3", key, cost, "first");
        await ledger.AbandonAsync("P-3", key);
        Assert.Equal(SpendOutcome.Spent, (await ledger.TrySpendAsync("P-3", key, cost, "retry")).Outcome);
        Assert.Equal(Rational.One, (await ledger.GetAccountAsync("P-3"))!.Spent.Epsilon);
    }

    [Fact]
    public async Task Unknown_permits_are_refused_and_caps_are_fixed()
    {
        var ledger = new InMemoryPrivacyBudgetLedger();
        var refused = await ledger.TrySpendAsync("nobody", QueryCacheKey.Create("select 1", []), PrivacyBudget.ApproximateDp(1, 0), "x");
        Assert.Equal(SpendOutcome.Refused, refused.Outcome);
        Assert.Contains("has no privacy budget", refused.Message, StringComparison.Ordinal);
        await ledger.OpenAsync("P-4", PrivacyBudget.ApproximateDp(1, 0));
        await ledger.OpenAsync("P-4", PrivacyBudget.ApproximateDp(1, 0));
        await Assert.ThrowsAsync<InvalidOperationException>(() => ledger.OpenAsync("P-4", PrivacyBudget.ApproximateDp(2, 0)).AsTask());
    }

    [Fact]
    public void Normalisation_keeps_quoted_text_and_parameters_change_the_key()
    {
        Assert.Equal("select \"Mixed Case\", 'It''s  Here' from t", QueryCacheKey.Normalise("SELECT  \"Mixed Case\",\n 'It''s  Here' /* c */ FROM T ;"));
        var a = QueryCacheKey.Create("select 1", [new("dataset", "v1"), new("policy", "abc")]);
        var b = QueryCacheKey.Create("select 1", [new("policy", "abc"), new("dataset", "v1")]);
        var c = QueryCacheKey.Create("select 1", [new("dataset", "v2"), new("policy", "abc")]);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.NotEqual(QueryCacheKey.Create("select 'A'", []), QueryCacheKey.Create("select 'a'", []));
        Assert.Equal(a, QueryCacheKey.FromStored(a.Value));
    }
}
