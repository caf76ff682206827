namespace Gatekeeper.Disclosure.Privacy.Budget;

public enum SpendOutcome
{
    /// <summary>The cost was within the remaining budget and has been recorded.</summary>
    Spent,

    /// <summary>The same query was paid for before: its cached noisy answer is returned, at no cost.</summary>
    AlreadyPaid,

    /// <summary>The cost exceeds what remains (or the permit has no budget): nothing was spent, no data may be read.</summary>
    Refused,
}
