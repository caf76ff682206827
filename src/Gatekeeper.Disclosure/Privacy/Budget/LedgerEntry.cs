namespace Gatekeeper.Disclosure.Privacy.Budget;

/// <summary>One append-only line of a permit's privacy ledger: a spend, in order.</summary>
public sealed record LedgerEntry(long Sequence, string PermitId, QueryCacheKey Key, PrivacyBudget Cost, PrivacyBudget SpentAfter, string Description, DateTimeOffset At);
