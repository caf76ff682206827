using Gatekeeper.VisitingEnvironment.Runs;
using Gatekeeper.VisitingEnvironment.Sandbox;

namespace Gatekeeper.Enclave.Tests;

[Collection(DemoDataCollection.Name)]
public sealed class RunSmokeTests(DemoDataFixture data, Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>Mean daily steps by consortium × month × baseline HbA1c group: the benchmark query.</summary>
    public const string StepsQuery = """
        WITH grp AS (
          SELECT participant_id,
                 CASE WHEN arg_min(hba1c, observation_date) >= 6.5 THEN 'diabetes'
                      WHEN arg_min(hba1c, observation_date) >= 5.6 THEN 'prediabetes' ELSE 'normal' END AS hba1c_group
          FROM hba1c GROUP BY participant_id)
        SELECT p.consortium_id, date_trunc('month', a.observation_time) AS month, g.hba1c_group,
               avg(a.step) AS mean_steps, count(*) AS days
        FROM activity a JOIN participants p USING (participant_id) JOIN grp g USING (participant_id)
        GROUP BY ALL ORDER BY ALL
        """;

    [Fact]
    public async Task Mean_daily_steps_by_consortium_month_and_group_runs_sandboxed_with_shadow_statistics()
    {
        using var executor = data.Executor();
        Assert.Equal(SandboxMode.Sandboxed, executor.Sandbox.Mode);
        var outcome = await executor.ExecuteAsync(data.Spec(StepsQuery));
        Assert.True(outcome.Succeeded, outcome.Message + string.Join("\n", outcome.Log));
        foreach (var line in outcome.Log) output.WriteLine(line);
        output.WriteLine(string.Join(", ", outcome.Timings.WorkerPhases.Select(p => $"{p.Key}={p.Value:0}")) + $"; prepare {outcome.Timings.Prepare.TotalMilliseconds:0} worker {outcome.Timings.Worker.TotalMilliseconds:0} read {outcome.Timings.Read.TotalMilliseconds:0}");
        var table = Assert.Single(outcome.Tables);
        output.WriteLine(table.Data.ToString());
        Assert.Equal("single-pass", table.Plan);
        Assert.NotNull(table.Shadow);
        Assert.Equal(table.Rows, table.Shadow.Cells.Count);
        Assert.All(table.Shadow.Cells, c => Assert.True(c.Persons > 0 && c.Rows >= c.Persons));
        var tableOutput = table.ToTableOutput()!;
        Assert.Equal(table.Rows, tableOutput.CellCount);
        Assert.Equal(["consortium_id", "month", "hba1c_group"], tableOutput.Keys.Select(k => k.Name));
    }

    [Fact]
    public async Task Warm_workers_take_runs_one_each_with_the_runs_limits()
    {
        using var executor = data.Executor(o => o.WarmWorkers = 1);
        await executor.WarmUpAsync();
        var first = await executor.ExecuteAsync(data.Spec("SELECT sex, count(*) AS n FROM participants GROUP BY sex"));
        Assert.True(first.Succeeded, first.Message);
        Assert.True(first.Log.Any(l => l.EndsWith("warm worker", StringComparison.Ordinal)), string.Join("\n", first.Log));
        Assert.NotNull(Assert.Single(first.Tables).Shadow);

        // The next run gets a fresh worker (one run per process), and the run's limits apply to it.
        var killed = await executor.ExecuteAsync(data.Spec("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r, (VALUES (1), (2)) t(x)) SELECT count(*) FROM r",
            Gatekeeper.Domain.Applications.OutputTier.PseudonymisedMicrodata, new RunLimits(TimeSpan.FromSeconds(60), 128, 60, 1000, 1024 * 1024)));
        Assert.True(killed.Log.Any(l => l.EndsWith("warm worker", StringComparison.Ordinal)), string.Join("\n", killed.Log));
        Assert.Equal(RunStatus.Killed, killed.Status);
        Assert.Equal(RunStopReason.Memory, killed.StopReason);

        var timed = await executor.ExecuteAsync(data.Spec("WITH RECURSIVE r(k, n) USING KEY (k) AS (SELECT 1, 1 UNION SELECT k, n + 1 FROM r) SELECT max(n) FROM r",
            Gatekeeper.Domain.Applications.OutputTier.PseudonymisedMicrodata, new RunLimits(TimeSpan.FromSeconds(4), 128, 60, 1000, 1024 * 1024)));
        Assert.Equal(RunStopReason.WallClock, timed.StopReason);
    }
}
