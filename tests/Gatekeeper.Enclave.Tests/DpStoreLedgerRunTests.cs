using Gatekeeper.Audit;
using Gatekeeper.Data;
using Gatekeeper.Data.Audit;
using Gatekeeper.Disclosure.Policies;
using Gatekeeper.Disclosure.Privacy.Budget;
using Gatekeeper.Disclosure.Privacy.Planning;
using Gatekeeper.Disclosure.Suppression;
using Gatekeeper.Testing;
using Gatekeeper.VisitingEnvironment.Privacy;
using Gatekeeper.VisitingEnvironment.Runs;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Enclave.Tests;

/// <summary>DP runs spending through the store's privacy ledger (SQLite and PostgreSQL): released, cached, refused, audited.</summary>
[Collection(DemoDataCollection.Name)]
public sealed class DpStoreLedgerRunTests(DemoDataFixture data)
{
    private static readonly DisclosurePolicy Policy = DisclosurePolicyLoader.Load(Path.Combine(DemoDataFixture.RepositoryRoot, "policies", "disclosure", "dpp-dp.yaml"));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Released_then_cached_then_refused_before_the_data_with_one_audited_spend(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, seed: false);
        var ledger = store.Get<IPrivacyBudgetLedger>();
        var account = Guid.NewGuid().ToString();
        await ledger.OpenAsync(account, PrivacyBudget.ApproximateDp(new Rational(3, 10), new Rational(1, 1_000_000)));
        var runs = Path.Combine(data.Root, "runs-store-" + Guid.NewGuid().ToString("N"));
        using var executor = data.Executor(o => o.RunsFolder = runs, ledger: ledger);
        RunSpec Spec(string query) => data.Spec(query, permit: "P-store") with { DifferentialPrivacy = new DpRunSettings(Policy.DifferentialPrivacy!, Policy.Sha256, account) };

        var released = await executor.ExecuteAsync(Spec("SELECT intervention_group, avg(weight) AS mean_weight FROM weight JOIN participants USING (participant_id) GROUP BY intervention_group"));
        Assert.True(released.Succeeded, released.Message + string.Join("\n", released.Log));
        Assert.Equal(DpRunStatus.Released, released.DifferentialPrivacy!.Status);
        Assert.Equal(["0", "1"], released.Tables[0].Dp!.Rows.Select(r => r.Key[0]!));

        var cached = await executor.ExecuteAsync(Spec("select intervention_group, avg(weight) as mean_weight from weight join participants using (participant_id) group by intervention_group"));
        Assert.Equal(DpRunStatus.Cached, cached.DifferentialPrivacy!.Status);
        Assert.Equal(released.Tables[0].Dp!.ToJson(), cached.Tables[0].Dp!.ToJson());

        var refusedSpec = Spec("SELECT count(*) AS n FROM weight");
        var refused = await executor.ExecuteAsync(refusedSpec);
        Assert.Equal(RunStatus.Refused, refused.Status);
        Assert.Contains("remaining", refused.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(runs, refusedSpec.RunId)));

        Assert.Equal(new Rational(1, 4), (await ledger.GetAccountAsync(account))!.Spent.Epsilon);
        var entry = Assert.Single(await ledger.EntriesAsync(account));
        Assert.Contains(released.RunId, entry.Description, StringComparison.Ordinal);
        await using var db = await store.DbAsync();
        var spent = await db.Set<AuditEntryRow>().AsNoTracking().SingleAsync(e => e.Action == AuditActions.BudgetSpent && e.SubjectId == account);
        Assert.Equal(released.RunId, spent.Details![AuditDetailKeys.Run]);
        Assert.Contains(released.RunId, spent.SubjectIds);
    }
}
