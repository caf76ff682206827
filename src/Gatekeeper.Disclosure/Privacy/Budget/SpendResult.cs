namespace Gatekeeper.Disclosure.Privacy.Budget;

/// <summary>
/// The answer of a check-and-spend: what happened, the account afterwards, and a message for the researcher
/// that names the cost and the remaining budget. <see cref="CachedAnswer"/> is set for an already-paid
/// query whose answer has been recorded (null while the first run of that query is still under way).
/// </summary>
public sealed record SpendResult(SpendOutcome Outcome, BudgetAccount Account, PrivacyBudget Cost, string Message, string? CachedAnswer = null)
{
    public bool MayReadData => Outcome == SpendOutcome.Spent;

    /// <summary>The refusal for a permit that has no account (nothing is spent).</summary>
    public static SpendResult NoBudget(string permitId, PrivacyBudget cost) =>
        new(SpendOutcome.Refused, BudgetAccount.Open(permitId, PrivacyBudget.Zero(cost.Model)), cost, $"Refused before any data was read: permit {permitId} has no privacy budget.");

    /// <summary>A query paid for before: its recorded answer at no cost, or "still being answered" while its first run is under way.</summary>
    public static SpendResult AlreadyPaid(BudgetAccount account, string? answer) =>
        new(SpendOutcome.AlreadyPaid, account, PrivacyBudget.Zero(account.Cap.Model),
            answer is null
                ? "This query was paid for and is still being answered; ask again when that run has finished (no further cost)."
                : $"The same query was answered before: its recorded noisy answer is returned at no cost; {account.Remaining.DescribeRoundedDown()} remaining.",
            answer);
}
