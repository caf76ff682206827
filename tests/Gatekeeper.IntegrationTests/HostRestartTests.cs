using Gatekeeper.Audit;
using Gatekeeper.Data;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Runs;
using Gatekeeper.Data.Workflows;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Permits;
using Gatekeeper.Domain.Runs;
using Gatekeeper.Ingest.Consent;
using Gatekeeper.Ingest.Importing;
using Gatekeeper.Ingest.Pseudonymisation;
using Gatekeeper.Ingest.Storage;
using Gatekeeper.Ingest.Synthetic;
using Gatekeeper.Policies;
using Gatekeeper.Policies.Purposes;
using Gatekeeper.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gatekeeper.IntegrationTests;

/// <summary>
/// Queue durability across a real host crash: the portal runs as a child process, is killed (SIGKILL, its sandboxed
/// worker dies with it) while a run executes, and a new portal on the same data folder finishes the run — once.
/// </summary>
public sealed class HostRestartTests
{
    // Long enough to be caught while executing, short enough to finish on the second attempt.
    private const string SlowQuery = "SELECT p.consortium_id, count(*) AS n FROM participants p, range(20000000) r GROUP BY p.consortium_id";

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Gatekeeper:Runs:LeaseDuration"] = "00:00:03",
        ["Gatekeeper:Runs:RenewInterval"] = "00:00:00.500",
        ["Gatekeeper:Runs:PollInterval"] = "00:00:00.200",
        ["Gatekeeper:Runs:Limits:WallClock"] = "00:02:00",
        ["VisitingEnvironment:WarmWorkers"] = "0",
        ["Serilog:MinimumLevel:Default"] = "Information",
    };

    [Fact]
    public async Task A_run_executing_when_the_host_is_killed_is_finished_once_by_the_next_host()
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "gatekeeper-restart", Guid.NewGuid().ToString("N"));
        try
        {
            await ImportAsync(dataFolder);
            Guid runId;
            var first = await PortalProcess.StartAsync(TimeSpan.FromSeconds(240), "host-restart-first", Settings, dataFolder);
            await using (var store = Store(dataFolder))
            {
                var permit = await WaitForAsync(store, db => db.Permits.AsNoTracking().FirstOrDefaultAsync(), TimeSpan.FromSeconds(60));
                var run = await store.GetRequiredService<RunQueue>().SubmitAsync(Sato, permit!.Id, null, SlowQuery, new PassingCheck(), CancellationToken.None);
                Assert.True(run.Succeeded, string.Join("; ", run.Errors));
                runId = run.Value!.Id;
                await WaitForAsync(store, db => db.Runs.AsNoTracking().Where(r => r.Id == runId && r.State == RunState.Running && r.Phase == RunPhases.Executing).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(), TimeSpan.FromSeconds(60));
            }

            await first.KillAsync();
            await first.DisposeAsync();
            // The killed host's sandboxed worker died with it (--die-with-parent): no process still names the run.
            Assert.DoesNotContain(System.Diagnostics.Process.GetProcesses(), p => CommandLine(p).Contains(runId.ToString("N"), StringComparison.Ordinal));

            await using var second = await PortalProcess.StartAsync(TimeSpan.FromSeconds(240), "host-restart-second", Settings, dataFolder);
            await using (var store = Store(dataFolder))
            {
                var done = await WaitForAsync(store, db => db.Runs.AsNoTracking().Where(r => r.Id == runId && r.State != RunState.Queued && r.State != RunState.Running).FirstOrDefaultAsync(), TimeSpan.FromSeconds(180));
                Assert.True(done!.State == RunState.Succeeded, $"{done.State} {done.ReasonCode}: {done.Message}\n{second.Output}");
                Assert.Equal(2, done.Attempt);
                Assert.Equal($"airlock/{QueryRun.ExecutionIdFor(runId, 2)}", done.AirlockFolder);
                Assert.False(Directory.Exists(Path.Combine(dataFolder, "airlock", QueryRun.ExecutionIdFor(runId, 1))));
                Assert.False(Directory.Exists(Path.Combine(dataFolder, "runs", QueryRun.ExecutionIdFor(runId, 1))));
                await using var db = await store.GetRequiredService<IDbContextFactory<GatekeeperDbContext>>().CreateDbContextAsync();
                Assert.Equal(1, await db.RunOutputs.CountAsync(o => o.RunId == runId));
                var actions = await db.Set<AuditEntryRow>().AsNoTracking().Where(e => e.SubjectId == runId.ToString()).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
                Assert.Equal([AuditActions.RunRequested, AuditActions.RunCompleted], actions);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(dataFolder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static Actor Sato => TestActors.Sato;

    private static string CommandLine(System.Diagnostics.Process process)
    {
        try
        {
            return File.ReadAllText($"/proc/{process.Id}/cmdline").Replace('\0', ' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static async Task<T?> WaitForAsync<T>(ServiceProvider store, Func<GatekeeperDbContext, Task<T?>> probe, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using (var db = await store.GetRequiredService<IDbContextFactory<GatekeeperDbContext>>().CreateDbContextAsync())
            {
                if (await probe(db) is { } found) return found;
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException("The store never reached the expected state.");
            await Task.Delay(100);
        }
    }

    /// <summary>The portal's store, opened from the test (same SQLite file).</summary>
    private static ServiceProvider Store(string dataFolder)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gatekeeper:Database:Provider"] = "Sqlite",
            ["Gatekeeper:Policies:Folder"] = RepositoryPaths.Policies,
            ["Gatekeeper:Workflows:Folder"] = RepositoryPaths.Workflows,
        }).Build();
        return new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IConfiguration>(configuration)
            .AddGatekeeperPolicies(configuration)
            .AddSingleton(new DataFolder(dataFolder))
            .AddGatekeeperData(configuration)
            .AddGatekeeperWorkflows(configuration)
            .BuildServiceProvider();
    }

    private static async Task ImportAsync(string dataFolder)
    {
        var csv = dataFolder + "-csv";
        await new DemoDataGenerator().GenerateAsync(new DemoDataOptions { Participants = 60, Days = 20, OutputFolder = csv });
        var layout = new DataLayout(dataFolder);
        var purposes = PurposePolicyLoader.Load(Path.Combine(RepositoryPaths.Policies, PurposePolicyLoader.FileName)).Purposes.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        var importer = new ExchangeImporter(layout, new FileKeyProvider(layout), new FileImportLog(layout), new FileConsentRegistry(layout),
            CoarseningPolicyLoader.Load(Path.Combine(RepositoryPaths.Policies, CoarseningPolicyLoader.RelativePath)), purposes);
        foreach (var file in Directory.GetFiles(csv, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            Assert.True((await importer.ImportAsync("dpp", file)).Outcome is ImportOutcome.Committed or ImportOutcome.AlreadyImported);
        Directory.Delete(csv, recursive: true);
    }

    /// <summary>The query was checked by the real validator in the API tests; here only the queue's durability is under test.</summary>
    private sealed class PassingCheck : IRunQueryCheck
    {
        public Task<IReadOnlyList<Domain.Common.ValidationError>> CheckAsync(DataPermit permit, string datasetId, string query, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Domain.Common.ValidationError>>([]);
    }
}
