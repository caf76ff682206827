using System.Diagnostics;
using Gatekeeper.Data;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Workflows;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Common;
using Gatekeeper.Testing;
using Gatekeeper.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Gatekeeper.Workflows.Tests.Crash;

/// <summary>
/// Kills a real process working the engine at random moments (mid-transaction, between steps, while
/// sending mail) and checks the store after each kill and at the end: no task lost or duplicated, every
/// due timer fired exactly once, history without gaps, decisions consistent, the audit chain intact.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int MinRounds = 6;
    private const int MaxRounds = 14;
    private const int MinSteps = 60;

    [Fact]
    public async Task A_process_killed_at_random_moments_leaves_a_store_where_nothing_is_lost_or_done_twice()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        await using var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        var clockFile = Path.Combine(store.DataFolder, "clock.txt");
        var clock = AcceleratedClock.Create(clockFile, store.Time.GetUtcNow());
        await using (var setup = WorkflowHost.Over(store))
            await new ReviewScenario(setup).AddPersonAsync("reviewer-third", "elsi-board", Roles.ElsiReviewer);

        var totalOps = 0;
        var steps = 0;
        for (var round = 0; round < MaxRounds && (round < MinRounds || steps < MinSteps); round++)
        {
            var ops = await RunAndKillAsync(store.DataFolder, clockFile, seed + round, TimeSpan.FromMilliseconds(random.Next(300, 5000)));
            totalOps += ops;
            output.WriteLine($"round {round}: killed after {ops} operations");

            await using var host = WorkflowHost.Build(store.DataFolder, DatabaseProvider.Sqlite, null, clock);
            await using var db = await host.DbAsync();
            var violations = await StoreInvariants.ViolationsAsync(db, host.Runtime.Catalog, clock.GetUtcNow(), timersSettled: false);
            Assert.True(violations.Count == 0, $"After kill {round + 1} (seed {seed}):{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
            steps = await db.WorkflowSteps.CountAsync();
        }

        // Restart once more and let the timer service and the sweep catch up: every due timer fires once, every submission is reviewed.
        // The clock is frozen for this check so that nothing comes due while it runs.
        var settledAt = clock.GetUtcNow();
        await using (var host = WorkflowHost.Build(store.DataFolder, DatabaseProvider.Sqlite, null, new FakeTimeProvider(settledAt)))
        {
            await host.Get<WorkflowMaintenance>().RunOnceAsync(CancellationToken.None);
            await using var db = await host.DbAsync();
            var timersDueBefore = await db.WorkflowTimers.AsNoTracking().Where(t => t.DueAt <= settledAt).CountAsync();
            var violations = (await StoreInvariants.ViolationsAsync(db, host.Runtime.Catalog, settledAt, timersSettled: true)).ToList();
            Assert.True(violations.Count == 0, $"After the final restart (seed {seed}):{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
            Assert.False(await db.Applications.AnyAsync(a => a.Status == ApplicationStatus.Submitted && !db.WorkflowInstances.Any(i => i.SubjectId == a.Id)));
            var audit = await host.Get<AuditTrail>().VerifyAsync(CancellationToken.None);
            Assert.True(audit.IsValid, $"The audit chain must verify after the kills: {audit.Message}");

            var instances = await db.WorkflowInstances.CountAsync();
            steps = await db.WorkflowSteps.CountAsync();
            output.WriteLine($"{totalOps} operations, {instances} reviews, {steps} steps, {timersDueBefore} timers due");
            Assert.True(instances >= 3 && steps >= 10, $"The children did too little work to mean anything ({instances} reviews, {steps} steps).");
        }
    }

    /// <summary>Starts the child, waits until it works, lets it work for <paramref name="workFor"/>, kills it; returns its operation count.</summary>
    private static async Task<int> RunAndKillAsync(string dataFolder, string clockFile, int seed, TimeSpan workFor)
    {
        var dll = typeof(CrashHost).Assembly.Location;
        var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            ArgumentList = { dll, CrashHost.Command, dataFolder, clockFile, seed.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the child process.");
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var working = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ops = 0;
        var errors = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == CrashHost.Ready) ready.TrySetResult();
            else if (e.Data?.StartsWith("op ", StringComparison.Ordinal) == true && Interlocked.Increment(ref ops) == 1) working.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (errors) errors.AppendLine(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Kill at a random moment once the child is doing real work (start-up on a busy machine takes seconds).
        var started = await Task.WhenAny(working.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(2)));
        if (started != working.Task)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The child did not start: {errors}");
        }

        await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(workFor));
        var exited = process.HasExited;
        if (!exited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        if (exited) throw new InvalidOperationException($"The child ended by itself with exit code {process.ExitCode}: {errors}");
        return Volatile.Read(ref ops);
    }
}
