using Gatekeeper.Disclosure.Privacy.Budget;
using Gatekeeper.Disclosure.Privacy.Samplers;

namespace Gatekeeper.Disclosure.Privacy.Planning;

/// <summary>
/// The order a DP run must follow: cost known from the plan → atomic check-and-spend in the ledger →
/// only then read the aggregates → add noise → cache the answer. A refused run never calls the reader;
/// a re-asked query gets its cached answer and spends nothing.
/// </summary>
public static class DpQueryRunner
{
    public static async Task<DpRunOutcome> RunAsync(
        DpAggregatePlan plan,
        string permitId,
        QueryCacheKey key,
        IPrivacyBudgetLedger ledger,
        Func<string, CancellationToken, ValueTask<IReadOnlyList<AggregateRow>>> readAggregates,
        ExactSampler random,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(readAggregates);
        var spend = await ledger.TrySpendAsync(permitId, key, plan.Charge, $"DP aggregate ({string.Join(", ", plan.Spec.Measures.Select(m => m.Name))})", cancellationToken).ConfigureAwait(false);
        switch (spend.Outcome)
        {
            case SpendOutcome.Refused:
                return new DpRunOutcome(DpRunStatus.Refused, null, spend.Message);
            case SpendOutcome.AlreadyPaid:
                return spend.CachedAnswer is { } cached
                    ? new DpRunOutcome(DpRunStatus.Cached, DpResult.FromJson(cached), spend.Message)
                    : new DpRunOutcome(DpRunStatus.Pending, null, spend.Message);
        }

        DpResult result;
        try
        {
            var rows = await readAggregates(plan.Sql, cancellationToken).ConfigureAwait(false);
            result = DpAggregateReleaser.Release(plan, rows, random);
        }
        catch
        {
            // Nothing was released: the spend stays, and the next ask pays again instead of waiting forever.
            await ledger.AbandonAsync(permitId, key, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await ledger.RecordAnswerAsync(permitId, key, result.ToJson(), cancellationToken).ConfigureAwait(false);
        return new DpRunOutcome(DpRunStatus.Released, result, spend.Message);
    }
}
