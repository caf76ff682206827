using Gatekeeper.Audit;
using Gatekeeper.Data.Audit;
using Gatekeeper.Disclosure.Privacy.Accounting;
using Gatekeeper.Disclosure.Privacy.Budget;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Privacy;

/// <summary>
/// The privacy ledger in the gatekeeper's store, with the semantics of <see cref="InMemoryPrivacyBudgetLedger"/>.
/// A spend is one transaction that first locks the permit's account row (PostgreSQL <c>SELECT … FOR UPDATE</c>;
/// SQLite's transactions take the database write lock when they begin), so concurrent runs queue and can never
/// overspend; amounts are exact rationals; each spend appends a ledger line, remembers the query and is audited
/// (<c>budget.spent</c>) in the same transaction.
/// </summary>
public sealed class StorePrivacyBudgetLedger(IDbContextFactory<GatekeeperDbContext> factory, AuditTrail audit, TimeProvider time) : IPrivacyBudgetLedger
{
    public async ValueTask<BudgetAccount> OpenAsync(string permitId, PrivacyBudget cap, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(permitId);
        ArgumentNullException.ThrowIfNull(cap);
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var existing = await db.Set<PrivacyAccountRow>().AsNoTracking().FirstOrDefaultAsync(a => a.PermitId == permitId, cancellationToken);
            if (existing is not null)
            {
                var account = ToAccount(existing);
                if (account.Cap != cap) throw new InvalidOperationException($"Permit {permitId} already has a privacy budget of {account.Cap}; a permit's cap is fixed.");
                return account;
            }

            db.Add(NewAccount(permitId, cap, time.GetUtcNow()));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return BudgetAccount.Open(permitId, cap);
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Opened at the same moment by someone else: read theirs and compare caps.
            }
        }
    }

    /// <summary>A new account row with nothing spent (also used to open a permit's account in the transaction that issues it).</summary>
    public static PrivacyAccountRow NewAccount(string permitId, PrivacyBudget cap, DateTimeOffset at)
    {
        var zero = StoredRational.Text(Disclosure.Suppression.Rational.Zero);
        return new PrivacyAccountRow
        {
            PermitId = permitId, Model = cap.Model.ToString(), OpenedAt = at,
            CapEpsilon = StoredRational.Text(cap.Epsilon), CapDelta = StoredRational.Text(cap.Delta), CapRho = StoredRational.Text(cap.Rho),
            SpentEpsilon = zero, SpentDelta = zero, SpentRho = zero,
        };
    }

    /// <summary>The ledger cap of a permit's terms: ε and δ as the decimals the board wrote, exactly.</summary>
    public static PrivacyBudget CapOf(Domain.Permits.PrivacyBudget budget) =>
        PrivacyBudget.ApproximateDp(RationalMath.FromDecimal((decimal)budget.Epsilon), RationalMath.FromDecimal((decimal)(budget.Delta ?? 0)));

    public async ValueTask<BudgetAccount?> GetAccountAsync(string permitId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<PrivacyAccountRow>().AsNoTracking().FirstOrDefaultAsync(a => a.PermitId == permitId, cancellationToken);
        return row is null ? null : ToAccount(row);
    }

    public async ValueTask<SpendResult> TrySpendAsync(string permitId, QueryCacheKey key, PrivacyBudget cost, string description, CancellationToken cancellationToken = default, string? runId = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(cost);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM privacy_accounts WHERE \"PermitId\" = {permitId} FOR UPDATE", cancellationToken);
        var row = await db.Set<PrivacyAccountRow>().FirstOrDefaultAsync(a => a.PermitId == permitId, cancellationToken);
        if (row is null) return SpendResult.NoBudget(permitId, cost);

        var account = ToAccount(row);
        var paid = await db.Set<PrivacyAnswerRow>().AsNoTracking().FirstOrDefaultAsync(a => a.PermitId == permitId && a.QueryKey == key.Value, cancellationToken);
        if (paid is not null) return SpendResult.AlreadyPaid(account, paid.Answer);

        var result = account.TrySpend(cost);
        if (result.Outcome != SpendOutcome.Spent) return result;

        var now = time.GetUtcNow();
        var spent = result.Account.Spent;
        row.SpentEpsilon = StoredRational.Text(spent.Epsilon);
        row.SpentDelta = StoredRational.Text(spent.Delta);
        row.SpentRho = StoredRational.Text(spent.Rho);
        row.Entries++;
        db.Add(new PrivacyLedgerEntryRow
        {
            PermitId = permitId, Sequence = row.Entries, QueryKey = key.Value, At = now,
            Description = description.Length > 2000 ? description[..2000] : description,
            CostEpsilon = StoredRational.Text(cost.Epsilon), CostDelta = StoredRational.Text(cost.Delta), CostRho = StoredRational.Text(cost.Rho),
            SpentEpsilonAfter = row.SpentEpsilon, SpentDeltaAfter = row.SpentDelta, SpentRhoAfter = row.SpentRho,
        });
        db.Add(new PrivacyAnswerRow { PermitId = permitId, QueryKey = key.Value, PaidAt = now });
        var (epsilon, delta) = AuditedAmount(account.Cap, cost);
        await audit.AppendAsync(db, AuditRecords.BudgetSpent(now, AuditActor.System, permitId, runId, epsilon, delta), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return result;
    }

    public async ValueTask RecordAnswerAsync(string permitId, QueryCacheKey key, string answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<PrivacyAnswerRow>().FirstOrDefaultAsync(a => a.PermitId == permitId && a.QueryKey == key.Value, cancellationToken)
                  ?? throw new InvalidOperationException("Only the answer of a paid query can be recorded.");
        if (row.Answer is not null && row.Answer != answer) throw new InvalidOperationException("A paid query's answer is recorded once and never replaced.");
        if (row.Answer is not null) return;
        row.Answer = answer;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async ValueTask AbandonAsync(string permitId, QueryCacheKey key, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Set<PrivacyAnswerRow>().Where(a => a.PermitId == permitId && a.QueryKey == key.Value && a.Answer == null).ExecuteDeleteAsync(cancellationToken);
    }

    public async ValueTask<IReadOnlyList<LedgerEntry>> EntriesAsync(string permitId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var model = await db.Set<PrivacyAccountRow>().AsNoTracking().Where(a => a.PermitId == permitId).Select(a => a.Model).FirstOrDefaultAsync(cancellationToken);
        if (model is null) return [];
        var budgetModel = Enum.Parse<PrivacyBudgetModel>(model);
        var rows = await db.Set<PrivacyLedgerEntryRow>().AsNoTracking().Where(e => e.PermitId == permitId).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        return rows.Select(e => new LedgerEntry(e.Sequence, permitId, QueryCacheKey.FromStored(e.QueryKey),
            StoredRational.Budget(budgetModel, e.CostEpsilon, e.CostDelta, e.CostRho),
            StoredRational.Budget(budgetModel, e.SpentEpsilonAfter, e.SpentDeltaAfter, e.SpentRhoAfter), e.Description, e.At)).ToList();
    }

    private static BudgetAccount ToAccount(PrivacyAccountRow row)
    {
        var model = Enum.Parse<PrivacyBudgetModel>(row.Model);
        return new BudgetAccount(row.PermitId,
            StoredRational.Budget(model, row.CapEpsilon, row.CapDelta, row.CapRho),
            StoredRational.Budget(model, row.SpentEpsilon, row.SpentDelta, row.SpentRho));
    }

    /// <summary>
    /// The audit log states spends as (ε, δ), rounded up: a zCDP spend as its (ε, δ) equivalent at the permit's δ
    /// (CKS20), so the console can add spends of every permit the same way.
    /// </summary>
    private static (double Epsilon, double Delta) AuditedAmount(PrivacyBudget cap, PrivacyBudget cost)
    {
        if (cost.Model == PrivacyBudgetModel.ApproximateDp) return (cost.Epsilon.ToDoubleUp(), cost.Delta.ToDoubleUp());
        var (epsilon, delta) = cost.AsApproximateDp(cap.Delta.IsZero ? new Disclosure.Suppression.Rational(1, 1_000_000_000) : cap.Delta);
        return (epsilon.ToDoubleUp(), delta.ToDoubleUp());
    }
}
