namespace Gatekeeper.Disclosure.Privacy.Budget;

/// <summary>A permit's privacy budget: its cap and what has been spent (pure; the ledger stores it).</summary>
public sealed record BudgetAccount
{
    public BudgetAccount(string permitId, PrivacyBudget cap, PrivacyBudget spent)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(permitId);
        ArgumentNullException.ThrowIfNull(cap);
        ArgumentNullException.ThrowIfNull(spent);
        if (spent.Model != cap.Model) throw new ArgumentException($"Spent amounts are {spent.Model} but the cap is {cap.Model}.", nameof(spent));
        PermitId = permitId;
        Cap = cap;
        Spent = spent;
    }

    public string PermitId { get; }

    public PrivacyBudget Cap { get; }

    public PrivacyBudget Spent { get; }

    public PrivacyBudget Remaining => Cap.Minus(Spent);

    public static BudgetAccount Open(string permitId, PrivacyBudget cap) => new(permitId, cap, PrivacyBudget.Zero(cap.Model));

    /// <summary>
    /// Spends the cost if it fits within what remains (sequential composition: amounts add); otherwise
    /// refuses, naming the cost and the remaining budget.
    /// </summary>
    public SpendResult TrySpend(PrivacyBudget cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        if (cost.Model != Cap.Model)
            return new SpendResult(SpendOutcome.Refused, this, cost, $"Refused before any data was read: the query is costed in {cost.Model} but permit {PermitId} budgets in {Cap.Model}.");

        var after = Spent.Plus(cost);
        if (!Cap.Covers(after))
        {
            return new SpendResult(
                SpendOutcome.Refused,
                this,
                cost,
                $"Refused before any data was read: this query costs {cost} but permit {PermitId} has only {Remaining.DescribeRoundedDown()} remaining (cap {Cap.DescribeRoundedDown()}, spent {Spent}).");
        }

        var next = new BudgetAccount(PermitId, Cap, after);
        return new SpendResult(
            SpendOutcome.Spent,
            next,
            cost,
            $"Spent {cost} of permit {PermitId}'s privacy budget; {next.Remaining.DescribeRoundedDown()} remaining of {Cap.DescribeRoundedDown()}.");
    }
}
