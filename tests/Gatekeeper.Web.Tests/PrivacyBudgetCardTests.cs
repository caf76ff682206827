using Bunit;
using Gatekeeper.Disclosure.Privacy.Budget;
using Gatekeeper.Disclosure.Suppression;
using Gatekeeper.Web.Components.Pages.Permits;

namespace Gatekeeper.Web.Tests;

/// <summary>The researcher's view of a permit's privacy budget: share spent, what remains, every spend.</summary>
public sealed class PrivacyBudgetCardTests
{
    [Fact]
    public async Task Shows_the_share_spent_the_remaining_budget_and_each_spend_in_order()
    {
        await using var portal = await PortalContext.CreateAsync();
        var ledger = new InMemoryPrivacyBudgetLedger(portal.Store.Time);
        await ledger.OpenAsync("P-1", PrivacyBudget.ApproximateDp(1, new Rational(1, 1_000_000)));
        await ledger.TrySpendAsync("P-1", QueryCacheKey.Create("select 1", []), PrivacyBudget.ApproximateDp(new Rational(1, 4), 0), "Mean steps by consortium");
        await ledger.TrySpendAsync("P-1", QueryCacheKey.Create("select 2", []), PrivacyBudget.ApproximateDp(new Rational(1, 2), 0), "HbA1c by month");
        var account = await ledger.GetAccountAsync("P-1");
        var entries = await ledger.EntriesAsync("P-1");

        var card = portal.Render<PrivacyBudgetCard>(p => p.Add(c => c.Account, account).Add(c => c.Entries, entries));

        Assert.Equal("75", card.Find("[data-testid=budget-bar]").GetAttribute("data-share"));
        Assert.Contains("ε 0.25, δ 1e-6 remaining of ε 1, δ 1e-6", card.Find("[data-testid=budget-remaining]").TextContent, StringComparison.Ordinal);
        var rows = card.FindAll("[data-testid=budget-entry]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("Mean steps by consortium", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("ε 0.75", rows[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Says_so_when_nothing_is_spent_or_no_account_is_open()
    {
        await using var portal = await PortalContext.CreateAsync("researcher-sato", "ja");
        var fresh = BudgetAccount.Open("P-2", PrivacyBudget.ApproximateDp(1, 0));

        var empty = portal.Render<PrivacyBudgetCard>(p => p.Add(c => c.Account, fresh));
        Assert.Contains("まだ消費はありません", empty.Find("[data-testid=budget-no-spends]").TextContent, StringComparison.Ordinal);
        Assert.Equal("0", empty.Find("[data-testid=budget-bar]").GetAttribute("data-share"));

        var none = portal.Render<PrivacyBudgetCard>(p => p.Add(c => c.Account, (BudgetAccount?)null));
        Assert.NotNull(none.Find("[data-testid=budget-none]"));
    }
}
