namespace Gatekeeper.Disclosure.Privacy.Budget;

/// <summary>
/// The answer of a check-and-spend: what happened, the account afterwards, and a message for the researcher
/// that names the cost and the remaining budget. <see cref="CachedAnswer"/> is set for an already-paid
/// query whose answer has been recorded (null while the first run of that query is still under way).
/// </summary>
public sealed record SpendResult(SpendOutcome Outcome, BudgetAccount Account, PrivacyBudget Cost, string Message, string? CachedAnswer = null)
{
    public bool MayReadData => Outcome == SpendOutcome.Spent;
}
