using Gatekeeper.VisitingEnvironment.Runs;
using Gatekeeper.VisitingEnvironment.Sandbox;

namespace Gatekeeper.Enclave.Tests;

/// <summary>Fail closed: without bubblewrap, runs are refused, unless the development switch allows unsandboxed runs.</summary>
[Collection(DemoDataCollection.Name)]
public sealed class SandboxModeTests(DemoDataFixture data)
{
    private const string Query = "SELECT sex, count(*) AS n FROM participants GROUP BY sex";

    [Fact]
    public async Task Without_bubblewrap_runs_are_refused_in_production()
    {
        using var executor = data.Executor(o => o.BubblewrapPath = "/nonexistent/bwrap");
        Assert.Equal(SandboxMode.Unavailable, executor.Sandbox.Mode);
        Assert.False(executor.Sandbox.CanRun);
        var outcome = await executor.ExecuteAsync(data.Spec(Query));
        Assert.Equal(RunStatus.Refused, outcome.Status);
        Assert.Equal(SandboxMode.Unavailable, outcome.SandboxMode);
        Assert.Contains("bubblewrap is not installed at /nonexistent/bwrap", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(outcome.Tables);
    }

    [Fact]
    public async Task A_bubblewrap_that_cannot_create_namespaces_refuses_runs_too()
    {
        using var executor = data.Executor(o => o.BubblewrapPath = "/bin/false");
        Assert.Equal(SandboxMode.Unavailable, executor.Sandbox.Mode);
        Assert.Contains("cannot create namespaces", executor.Sandbox.Reason, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Refused, (await executor.ExecuteAsync(data.Spec(Query))).Status);
    }

    [Fact]
    public async Task The_development_switch_runs_unsandboxed_and_says_so()
    {
        using var executor = data.Executor(o =>
        {
            o.BubblewrapPath = "/nonexistent/bwrap";
            o.AllowUnsandboxedRuns = true;
        });
        Assert.Equal(SandboxMode.Unsandboxed, executor.Sandbox.Mode);
        Assert.True(executor.Sandbox.IsUnsandboxed);
        Assert.StartsWith("DEVELOPMENT MODE", executor.Sandbox.Reason, StringComparison.Ordinal);
        var outcome = await executor.ExecuteAsync(data.Spec(Query));
        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Equal(SandboxMode.Unsandboxed, outcome.SandboxMode);
        Assert.NotNull(Assert.Single(outcome.Tables).Shadow);
    }

    [Fact]
    public void With_bubblewrap_runs_are_sandboxed()
    {
        using var executor = data.Executor(o => o.AllowUnsandboxedRuns = true);
        Assert.Equal(SandboxMode.Sandboxed, executor.Sandbox.Mode);
        Assert.False(executor.Sandbox.IsUnsandboxed);
    }
}
