using Gatekeeper.Domain.Applications;
using Gatekeeper.VisitingEnvironment.Runs;

namespace Gatekeeper.Enclave.Tests;

/// <summary>
/// The attacks of the issue, each through the real run path (host validation, then the sandboxed worker): refused or
/// killed with a message that says why, no result left in the airlock, nothing written on the host.
/// </summary>
[Collection(DemoDataCollection.Name)]
public sealed class AttackTests(DemoDataFixture data) : IDisposable
{
    private readonly RunExecutor _executor = data.Executor();
    private readonly string _canary = Path.Combine(Path.GetTempPath(), "gk-enclave-canary-" + Guid.NewGuid().ToString("N"));

    private async Task<RunOutcome> RefusedAsync(string query, OutputTier tier, params string[] expected)
    {
        var outcome = await _executor.ExecuteAsync(data.Spec(query, tier));
        Assert.Equal(RunStatus.Refused, outcome.Status);
        foreach (var text in expected) Assert.Contains(text, outcome.Message, StringComparison.Ordinal);
        Assert.Empty(outcome.Tables);
        Assert.Null(outcome.OutputFolder);
        Assert.False(File.Exists(_canary));
        return outcome;
    }

    [Theory]
    [InlineData("SELECT * FROM read_text('/etc/passwd')", "read_text()")]
    [InlineData("SELECT * FROM read_csv('/etc/passwd', sep = ':', header = false)", "read_csv()")]
    [InlineData("SELECT * FROM '/etc/passwd'", "'/etc/passwd' is a file or URL")]
    [InlineData("SELECT content FROM read_blob('/etc/shadow')", "read_blob()")]
    public async Task Reading_etc_passwd_by_any_function_is_refused(string query, string named) =>
        await RefusedAsync(query, OutputTier.PseudonymisedMicrodata, named);

    [Fact]
    public async Task Reading_another_datasets_parquet_is_refused()
    {
        var other = Path.Combine(data.Layout.AnalysisRoot, "other", "activity", "part-1.parquet");
        await RefusedAsync($"SELECT count(*) FROM read_parquet('{other}')", OutputTier.AggregateStatistics, "read_parquet()");
        await RefusedAsync($"SELECT count(*) FROM '{data.Layout.AnalysisRoot}/dpp/activity/*.parquet'", OutputTier.AggregateStatistics, "is a file or URL");
    }

    [Fact]
    public async Task Copy_to_a_file_is_refused_and_writes_nothing() =>
        await RefusedAsync($"COPY (SELECT * FROM participants) TO '{_canary}'", OutputTier.PseudonymisedMicrodata, "COPY statements are not allowed");

    [Fact]
    public async Task Attach_is_refused() =>
        await RefusedAsync($"ATTACH '{_canary}' AS stolen", OutputTier.AggregateStatistics, "ATTACH statements are not allowed");

    [Theory]
    [InlineData("INSTALL httpfs", "INSTALL")]
    [InlineData("LOAD httpfs", "LOAD")]
    public async Task Installing_or_loading_httpfs_is_refused(string query, string keyword) =>
        await RefusedAsync(query, OutputTier.AggregateStatistics, $"{keyword} statements are not allowed", "extensions");

    [Fact]
    public async Task Switching_external_access_back_on_is_refused() =>
        await RefusedAsync("SET enable_external_access = true; SELECT count(*) FROM activity", OutputTier.AggregateStatistics, "SET statements are not allowed");

    [Theory]
    [InlineData("SELECT * FROM read_csv('https://example.com/leak.csv')", "read_csv()")]
    [InlineData("SELECT * FROM 'http://169.254.169.254/latest/meta-data/'", "is a file or URL")]
    public async Task Network_calls_are_refused(string query, string named) =>
        await RefusedAsync(query, OutputTier.PseudonymisedMicrodata, named);

    [Fact]
    public async Task A_variable_outside_the_permit_is_refused_by_name()
    {
        var spec = data.Spec("SELECT method_code, count(*) FROM hba1c GROUP BY method_code", tables:
            [new RunTable("hba1c", ["participant_id", "observation_date", "hba1c"])]);
        var outcome = await _executor.ExecuteAsync(spec);
        Assert.Equal(RunStatus.Refused, outcome.Status);
        Assert.Equal("variable", Assert.Single(outcome.Problems).Code);
        Assert.Contains("'method_code' (hba1c) is not in the permit", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_under_an_expired_permit_is_refused()
    {
        var outcome = await _executor.ExecuteAsync(data.Spec("SELECT count(*) FROM activity") with { PermitValidUntil = DateTimeOffset.UtcNow.AddDays(-1) });
        Assert.Equal(RunStatus.Refused, outcome.Status);
        Assert.Contains("expired", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recursive_cte_that_never_ends_is_killed_at_the_wall_clock_limit()
    {
        // USING KEY keeps one row per key, so this one never ends and never grows: only the clock stops it.
        var spec = data.Spec("WITH RECURSIVE r(k, n) USING KEY (k) AS (SELECT 1, 1 UNION SELECT k, n + 1 FROM r) SELECT max(n) FROM r",
            OutputTier.PseudonymisedMicrodata, new RunLimits(TimeSpan.FromSeconds(6), 512, 60, 1000, 1024 * 1024));
        var outcome = await _executor.ExecuteAsync(spec);
        Assert.Equal(RunStatus.Killed, outcome.Status);
        Assert.Equal(RunStopReason.WallClock, outcome.StopReason);
        Assert.Contains("longer than the permit's limit of 6 seconds", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(outcome.Tables);
        Assert.True(outcome.Timings.Total < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_recursive_cte_that_grows_forever_is_stopped_by_the_memory_limit()
    {
        // Each step doubles the working set: exponential growth, stopped by DuckDB's limit (it cannot spill to disk).
        var spec = data.Spec("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r, (VALUES (1), (2)) t(x)) SELECT count(*) FROM r",
            OutputTier.PseudonymisedMicrodata, new RunLimits(TimeSpan.FromSeconds(60), 256, 60, 1000, 1024 * 1024));
        var outcome = await _executor.ExecuteAsync(spec);
        Assert.Equal(RunStatus.Killed, outcome.Status);
        Assert.Equal(RunStopReason.Memory, outcome.StopReason);
        Assert.Contains("more memory than the permit allows (256 MB)", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cross_join_that_would_exhaust_memory_is_stopped_by_the_memory_limit()
    {
        var spec = data.Spec(
            "SELECT a.observation_time, b.observation_time, c.step, count(*) FROM activity a, activity b, activity c GROUP BY ALL",
            OutputTier.PseudonymisedMicrodata, new RunLimits(TimeSpan.FromSeconds(120), 128, 120, 1000, 1024 * 1024));
        var outcome = await _executor.ExecuteAsync(spec);
        Assert.Equal(RunStatus.Killed, outcome.Status);
        Assert.Equal(RunStopReason.Memory, outcome.StopReason);
        Assert.Contains("memory", outcome.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(outcome.Tables);
    }

    [Fact]
    public async Task Millions_of_output_rows_are_refused_at_the_row_limit()
    {
        var outcome = await _executor.ExecuteAsync(data.Spec("SELECT range AS n FROM range(5000000)", OutputTier.PseudonymisedMicrodata));
        Assert.Equal(RunStatus.Refused, outcome.Status);
        Assert.Contains("more than 10,000 rows", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(outcome.Tables);
    }

    [Fact]
    public async Task An_aggregate_with_more_cells_than_the_row_limit_is_refused()
    {
        var outcome = await _executor.ExecuteAsync(data.Spec("SELECT g.range AS k, count(*) AS n FROM participants p, range(12000) g GROUP BY ALL"));
        Assert.Equal(RunStatus.Refused, outcome.Status);
        Assert.Contains("more than 10,000 rows", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Row_level_output_is_refused_for_aggregate_statistics() =>
        await RefusedAsync("SELECT participant_id, step FROM activity", OutputTier.AggregateStatistics, "returns rows, not aggregates");

    public void Dispose()
    {
        _executor.Dispose();
        if (File.Exists(_canary)) File.Delete(_canary);
    }
}
