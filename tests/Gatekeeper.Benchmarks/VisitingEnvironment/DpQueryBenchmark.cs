using BenchmarkDotNet.Attributes;
using Gatekeeper.Disclosure.Policies;
using Gatekeeper.Disclosure.Privacy.Budget;
using Gatekeeper.Disclosure.Suppression;
using Gatekeeper.VisitingEnvironment.Privacy;
using Gatekeeper.VisitingEnvironment.Runs;

namespace Gatekeeper.Benchmarks.VisitingEnvironment;

/// <summary>
/// A DP query next to the same query as a non-DP run, both end to end through the sandboxed worker (warm): count and
/// mean daily steps per measurement position (8 public keys of the shipped dpp-dp policy). The non-DP run computes the
/// result and its shadow statistics; the DP run is translated and planned on the host, paid for in a ledger (a fresh
/// account per run, so every run pays and none is served from the cache), and in the worker runs the rewritten SQL
/// (imputation, clamping, lattice, contribution bounds) while the noise is drawn beside it in a phase padded to the
/// policy's 200 ms quantum, adds the noise and writes the release.
/// Run: GK_VE_PARTICIPANTS=10000 dotnet run -c Release --project tests/Gatekeeper.Benchmarks -- --filter '*DpQueryBenchmark*'
/// (or GK_VE_DATA=/path/to/data for a data folder made with gatekeeper demo-data and ingest).
/// </summary>
[Config(typeof(VisitingEnvironmentBenchmarkConfig))]
public class DpQueryBenchmark
{
    private const string Query = "SELECT measurement_position_code, count(*) AS days, avg(step) AS mean_steps FROM activity GROUP BY measurement_position_code";

    private static readonly RunTable[] Tables = [new("activity", ["participant_id", "measurement_position_code", "step"])];

    private VisitingEnvironmentBenchData _data = null!;
    private RunExecutor _plain = null!;
    private RunExecutor _dp = null!;
    private InMemoryPrivacyBudgetLedger _ledger = null!;
    private DisclosurePolicy _policy = null!;

    [GlobalSetup]
    public void Setup()
    {
        _data = VisitingEnvironmentBenchData.Open();
        _ledger = new InMemoryPrivacyBudgetLedger();
        _plain = _data.Executor();
        _dp = _data.Executor(ledger: _ledger);
        _policy = DisclosurePolicyLoader.Load(Path.Combine(RepositoryPaths.Root, "policies", "disclosure", "dpp-dp.yaml"));
    }

    [IterationSetup]
    public void WaitForWarmWorkers()
    {
        _plain.WarmUpAsync().GetAwaiter().GetResult();
        _dp.WarmUpAsync().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "Non-DP run with shadow statistics")]
    public long Plain() => _data.Run(_plain, VisitingEnvironmentBenchData.Spec(Query) with { Tables = Tables }).Tables[0].Rows;

    [Benchmark(Description = "DP run (plan, spend, rewrite, noise)")]
    public long Dp() => RunDp(_policy.DifferentialPrivacy!);

    /// <summary>The same with a cap of 120 rows per person, below every person's ~350 rows: everyone is bounded row by row (worst case).</summary>
    [Benchmark(Description = "DP run, every person over the row cap")]
    public long DpEveryoneCapped() => RunDp(_policy.DifferentialPrivacy! with { MaxRowsPerPerson = 120 });

    private long RunDp(DifferentialPrivacyPolicy policy)
    {
        var account = Guid.NewGuid().ToString("N");
        _ledger.OpenAsync(account, PrivacyBudget.ApproximateDp(1, new Rational(1, 1_000_000))).AsTask().GetAwaiter().GetResult();
        var spec = VisitingEnvironmentBenchData.Spec(Query) with
        {
            Tables = Tables,
            DifferentialPrivacy = new DpRunSettings(policy, _policy.Sha256, account),
        };
        return _data.Run(_dp, spec).Tables[0].Rows;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _data.PrintPhases("this case (the non-DP case runs first, then the DP case)");
        _plain.Dispose();
        _dp.Dispose();
        _data.Cleanup();
    }
}
