using System.Collections.Concurrent;

namespace Gatekeeper.Disclosure.Privacy.Budget;

/// <summary>A thread-safe in-memory ledger (tests, the CLI, and the reference for the store's implementation).</summary>
public sealed class InMemoryPrivacyBudgetLedger(TimeProvider? time = null) : IPrivacyBudgetLedger
{
    private readonly ConcurrentDictionary<string, PermitBook> _books = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public ValueTask<BudgetAccount> OpenAsync(string permitId, PrivacyBudget cap, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cap);
        var book = _books.GetOrAdd(permitId, id => new PermitBook(BudgetAccount.Open(id, cap)));
        lock (book)
        {
            if (book.Account.Cap != cap) throw new InvalidOperationException($"Permit {permitId} already has a privacy budget of {book.Account.Cap}; a permit's cap is fixed.");
            return ValueTask.FromResult(book.Account);
        }
    }

    public ValueTask<BudgetAccount?> GetAccountAsync(string permitId, CancellationToken cancellationToken = default)
    {
        if (!_books.TryGetValue(permitId, out var book)) return ValueTask.FromResult<BudgetAccount?>(null);
        lock (book) return ValueTask.FromResult<BudgetAccount?>(book.Account);
    }

    public ValueTask<SpendResult> TrySpendAsync(string permitId, QueryCacheKey key, PrivacyBudget cost, string description, CancellationToken cancellationToken = default, string? runId = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(cost);
        if (!_books.TryGetValue(permitId, out var book)) return ValueTask.FromResult(SpendResult.NoBudget(permitId, cost));

        lock (book)
        {
            if (book.Paid.TryGetValue(key, out var answer)) return ValueTask.FromResult(SpendResult.AlreadyPaid(book.Account, answer));

            var result = book.Account.TrySpend(cost);
            if (result.Outcome != SpendOutcome.Spent) return ValueTask.FromResult(result);
            book.Account = result.Account;
            book.Paid[key] = null;
            book.Entries.Add(new LedgerEntry(book.Entries.Count + 1, permitId, key, cost, result.Account.Spent, description, _time.GetUtcNow()));
            return ValueTask.FromResult(result);
        }
    }

    public ValueTask RecordAnswerAsync(string permitId, QueryCacheKey key, string answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (!_books.TryGetValue(permitId, out var book)) throw new InvalidOperationException($"Permit {permitId} has no privacy budget.");
        lock (book)
        {
            if (!book.Paid.TryGetValue(key, out var existing)) throw new InvalidOperationException("Only the answer of a paid query can be recorded.");
            if (existing is not null && existing != answer) throw new InvalidOperationException("A paid query's answer is recorded once and never replaced.");
            book.Paid[key] = answer;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask AbandonAsync(string permitId, QueryCacheKey key, CancellationToken cancellationToken = default)
    {
        if (!_books.TryGetValue(permitId, out var book)) return ValueTask.CompletedTask;
        lock (book)
        {
            if (book.Paid.TryGetValue(key, out var answer) && answer is null) book.Paid.Remove(key);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<LedgerEntry>> EntriesAsync(string permitId, CancellationToken cancellationToken = default)
    {
        if (!_books.TryGetValue(permitId, out var book)) return ValueTask.FromResult<IReadOnlyList<LedgerEntry>>([]);
        lock (book) return ValueTask.FromResult<IReadOnlyList<LedgerEntry>>([.. book.Entries]);
    }

    private sealed class PermitBook(BudgetAccount account)
    {
        public BudgetAccount Account { get; set; } = account;

        public Dictionary<QueryCacheKey, string?> Paid { get; } = [];

        public List<LedgerEntry> Entries { get; } = [];
    }
}
