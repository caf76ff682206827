namespace Gatekeeper.Disclosure.Privacy.Budget;

/// <summary>
/// The per-permit privacy ledger. <see cref="TrySpendAsync"/> is an atomic check-and-spend: concurrent
/// runs can never together exceed a cap. The store implements it with a row lock or a serialisable
/// transaction; <see cref="InMemoryPrivacyBudgetLedger"/> with a lock per permit.
/// </summary>
public interface IPrivacyBudgetLedger
{
    /// <summary>Opens a permit's account with its cap; opening again with the same cap returns the account, a different cap is refused.</summary>
    ValueTask<BudgetAccount> OpenAsync(string permitId, PrivacyBudget cap, CancellationToken cancellationToken = default);

    ValueTask<BudgetAccount?> GetAccountAsync(string permitId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Spends the cost unless it would exceed the cap (refused, nothing recorded) or this query key was
    /// paid for before (already paid, with the recorded answer if any, nothing charged). Call before any data access.
    /// <paramref name="runId"/> names the run that spends, for the audit trail (null outside runs).
    /// </summary>
    ValueTask<SpendResult> TrySpendAsync(string permitId, QueryCacheKey key, PrivacyBudget cost, string description, CancellationToken cancellationToken = default, string? runId = null);

    /// <summary>Keeps the noisy answer of a paid query so that re-asking it returns the same answer.</summary>
    ValueTask RecordAnswerAsync(string permitId, QueryCacheKey key, string answer, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks a paid query whose run failed before releasing anything as unanswered: the spend stays (no
    /// refund: data may have been read), but asking again is charged again rather than left pending forever.
    /// </summary>
    ValueTask AbandonAsync(string permitId, QueryCacheKey key, CancellationToken cancellationToken = default);

    /// <summary>The permit's spends in order.</summary>
    ValueTask<IReadOnlyList<LedgerEntry>> EntriesAsync(string permitId, CancellationToken cancellationToken = default);
}
