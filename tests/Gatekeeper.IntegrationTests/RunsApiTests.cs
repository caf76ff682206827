using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Gatekeeper.Audit;
using Gatekeeper.Data;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Runs;
using Gatekeeper.Domain.Airlock;
using Gatekeeper.Domain.Runs;
using Gatekeeper.Ingest.Consent;
using Gatekeeper.Ingest.Importing;
using Gatekeeper.Ingest.Pseudonymisation;
using Gatekeeper.Ingest.Storage;
using Gatekeeper.Ingest.Synthetic;
using Gatekeeper.Policies.Purposes;
using Gatekeeper.Testing;
using Gatekeeper.VisitingEnvironment.Runs;
using Gatekeeper.Web.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gatekeeper.IntegrationTests;

/// <summary>
/// Runs end to end through the real web host: the demo permit over imported synthetic data, a query queued through
/// the API, executed by the hosted worker pool in the bubblewrap sandbox, and its results and shadow statistics in the
/// airlock with their records; validation and refusals through the API.
/// </summary>
public sealed class RunsApiTests(RunsApiTests.Host host) : IClassFixture<RunsApiTests.Host>
{
    public sealed class Host : IAsyncLifetime
    {
        public GatekeeperWebHost Web { get; } = new(settings: new Dictionary<string, string?>
        {
            ["Gatekeeper:Runs:PollInterval"] = "00:00:00.200",
            ["Gatekeeper:Runs:RenewInterval"] = "00:00:00.500",
            ["Gatekeeper:Runs:Limits:WallClock"] = "00:01:00",
            ["Gatekeeper:Runs:Limits:MemoryMb"] = "512",
            ["VisitingEnvironment:WarmWorkers"] = "0",
        });

        public Guid PermitId { get; private set; }

        public async Task InitializeAsync()
        {
            // The synthetic programme imported into the host's data folder before it starts.
            var csv = Path.Combine(Web.DataFolder, "..", Path.GetFileName(Web.DataFolder) + "-csv");
            await new DemoDataGenerator().GenerateAsync(new DemoDataOptions { Participants = 60, Days = 40, OutputFolder = csv, OptOutRate = 0.05, RefusalRate = 0.05 });
            var layout = new DataLayout(Web.DataFolder);
            var purposes = PurposePolicyLoader.Load(Path.Combine(RepositoryPaths.Policies, PurposePolicyLoader.FileName)).Purposes.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
            var importer = new ExchangeImporter(layout, new FileKeyProvider(layout), new FileImportLog(layout), new FileConsentRegistry(layout),
                CoarseningPolicyLoader.Load(Path.Combine(RepositoryPaths.Policies, CoarseningPolicyLoader.RelativePath)), purposes);
            foreach (var file in Directory.GetFiles(csv, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var result = await importer.ImportAsync("dpp", file);
                Assert.True(result.Outcome is ImportOutcome.Committed or ImportOutcome.AlreadyImported, result.Record.Message);
            }

            Directory.Delete(csv, recursive: true);
            _ = Web.BaseAddress; // start
            PermitId = (await Web.Services.GetRequiredService<DemoRunPermit>().EnsureAsync(CancellationToken.None))!.Id;
        }

        public Task DisposeAsync()
        {
            Web.Dispose();
            return Task.CompletedTask;
        }
    }

    private const string StepsByConsortium = """
        SELECT p.consortium_id, avg(a.step) AS mean_steps, count(*) AS days
        FROM activity a JOIN participants p USING (participant_id)
        GROUP BY p.consortium_id ORDER BY 1
        """;

    private string Runs => $"/api/permits/{host.PermitId}/runs";

    [Fact]
    public async Task A_queued_run_executes_sandboxed_and_lands_in_the_airlock_with_its_records()
    {
        var client = await host.Web.SignInAsync("researcher-sato");

        var validation = await (await client.PostJsonAsync($"{Runs}/validate", new RunRequest(StepsByConsortium))).Content.ReadFromJsonAsync<QueryCheckDto>(ApiJson.Options);
        Assert.True(validation!.Valid, string.Join("; ", validation.Problems.Select(p => p.Message)));

        var created = await client.PostJsonAsync(Runs, new RunRequest(StepsByConsortium));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var queued = (await created.Content.ReadFromJsonAsync<RunDto>(ApiJson.Options))!;
        Assert.Equal(RunState.Queued, queued.State);

        var done = await WaitForFinalAsync(client, queued.Id);
        Assert.True(done.State == RunState.Succeeded, $"{done.State} {done.ReasonCode}: {done.Message}");
        Assert.Equal(1, done.OutputTables);
        Assert.Contains(await client.GetFromJsonAsync<List<RunDto>>(Runs, ApiJson.Options) ?? [], r => r.Id == queued.Id && r.State == RunState.Succeeded);

        await using var db = await host.Web.Services.GetRequiredService<IDbContextFactory<GatekeeperDbContext>>().CreateDbContextAsync();
        var run = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == queued.Id);
        Assert.Equal("Sandboxed", run.SandboxMode);
        Assert.StartsWith("default ", run.PolicyVersion);
        var output = await db.RunOutputs.AsNoTracking().SingleAsync(o => o.RunId == run.Id);
        Assert.Equal(OutputStatuses.AwaitingCheck, output.Status);
        Assert.Equal("single-pass", output.Plan);
        Assert.True(output.Rows > 0);
        var data = host.Web.Services.GetRequiredService<DataFolder>();
        foreach (var (file, sha) in new[] { (output.ParquetFile, output.ParquetSha256), (output.CsvFile, output.CsvSha256), (output.ShadowFile!, output.ShadowSha256!) })
        {
            Assert.StartsWith("airlock/", file);
            Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(data.Combine(file)))));
        }

        var manifest = await File.ReadAllTextAsync(data.Combine(run.AirlockFolder!, "airlock.json"));
        Assert.Equal(run.ManifestSha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(data.Combine(run.AirlockFolder!, "airlock.json")))));
        Assert.Contains("avg(a.step)", manifest);
        Assert.Contains(run.QueryHash, manifest);
        // Nothing of the run is left in the runs folder (inputs map pseudonyms).
        Assert.False(Directory.Exists(data.Combine("runs", run.ExecutionId!)));

        var actions = await db.Set<AuditEntryRow>().AsNoTracking().Where(e => e.SubjectId == run.Id.ToString()).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
        Assert.Equal([AuditActions.RunRequested, AuditActions.RunCompleted], actions);
    }

    [Fact]
    public async Task Validation_names_the_offending_construct_and_a_refused_run_is_recorded_and_audited()
    {
        var client = await host.Web.SignInAsync("researcher-sato");
        const string query = "SELECT method_code, count(*) AS n FROM hba1c GROUP BY method_code";

        var validation = (await (await client.PostJsonAsync($"{Runs}/validate", new RunRequest(query))).Content.ReadFromJsonAsync<QueryCheckDto>(ApiJson.Options))!;
        Assert.False(validation.Valid);
        var problem = Assert.Single(validation.Problems);
        Assert.Equal((RunRefusalCodes.VariableNotPermitted, "hba1c.method_code"), (problem.Rule, problem.Construct));

        var copy = (await (await client.PostJsonAsync($"{Runs}/validate", new RunRequest("COPY (SELECT 1) TO '/tmp/x.csv'"))).Content.ReadFromJsonAsync<QueryCheckDto>(ApiJson.Options))!;
        Assert.Contains(copy.Problems, p => p.Construct.Contains("COPY", StringComparison.OrdinalIgnoreCase));

        var created = await client.PostJsonAsync(Runs, new RunRequest(query));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var refused = (await created.Content.ReadFromJsonAsync<RunDto>(ApiJson.Options))!;
        Assert.Equal((RunState.Refused, RunRefusalCodes.VariableNotPermitted), (refused.State, refused.ReasonCode));
        Assert.Contains("method_code", refused.Message);

        await using var db = await host.Web.Services.GetRequiredService<IDbContextFactory<GatekeeperDbContext>>().CreateDbContextAsync();
        var entry = await db.Set<AuditEntryRow>().AsNoTracking().SingleAsync(e => e.SubjectId == refused.Id.ToString());
        Assert.Equal((AuditActions.RunRefused, RunRefusalCodes.VariableNotPermitted), (entry.Action, entry.Reason));
    }

    [Fact]
    public async Task The_runs_limits_are_the_hosts_when_the_datasets_policy_sets_none()
    {
        var client = await host.Web.SignInAsync("researcher-sato");
        var limits = (await client.GetFromJsonAsync<RunLimitsDto>($"{Runs}/limits", ApiJson.Options))!;
        Assert.Equal(new RunLimitsDto(60, 512, RunLimits.Default.CpuSeconds, RunLimits.Default.MaxOutputRows, RunLimits.Default.MaxOutputBytes, RunLimits.Default.Threads, null), limits);
    }

    [Fact]
    public async Task People_not_on_the_permits_team_and_other_roles_cannot_see_or_run()
    {
        var tanaka = await host.Web.SignInAsync("researcher-tanaka");
        Assert.Equal(HttpStatusCode.NotFound, (await tanaka.GetAsync(Runs)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tanaka.GetAsync($"{Runs}/limits")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tanaka.PostJsonAsync(Runs, new RunRequest(StepsByConsortium))).StatusCode);

        var checker = await host.Web.SignInAsync("checker-kobayashi");
        Assert.Equal(HttpStatusCode.Forbidden, (await checker.GetAsync(Runs)).StatusCode);

        var anonymous = host.Web.NewClient();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync(Runs)).StatusCode);
    }

    [Fact]
    public async Task A_researcher_cancels_a_long_running_run_and_nothing_is_kept()
    {
        var client = await host.Web.SignInAsync("researcher-sato");
        // Runs for a long time: a billion-row cross product, aggregated.
        const string slow = "SELECT p.consortium_id, count(*) AS n FROM participants p, range(1000000000) r GROUP BY p.consortium_id";
        var queued = (await (await client.PostJsonAsync(Runs, new RunRequest(slow))).Content.ReadFromJsonAsync<RunDto>(ApiJson.Options))!;
        Assert.Equal(RunState.Queued, queued.State);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await GetAsync(client, queued.Id)).State == RunState.Queued && DateTime.UtcNow < deadline) await Task.Delay(100);
        var cancel = await client.PostAsync($"{Runs}/{queued.Id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);

        var done = await WaitForFinalAsync(client, queued.Id);
        Assert.Equal(RunState.Cancelled, done.State);
        await using var db = await host.Web.Services.GetRequiredService<IDbContextFactory<GatekeeperDbContext>>().CreateDbContextAsync();
        Assert.False(await db.RunOutputs.AnyAsync(o => o.RunId == queued.Id));
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"{Runs}/{queued.Id}/cancel", null)).StatusCode);
    }

    private async Task<RunDto> GetAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<RunDto>($"{Runs}/{id}", ApiJson.Options))!;

    private async Task<RunDto> WaitForFinalAsync(HttpClient client, Guid id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (true)
        {
            var run = await GetAsync(client, id);
            if (run.State is not (RunState.Queued or RunState.Running) || DateTime.UtcNow > deadline) return run;
            await Task.Delay(200);
        }
    }
}
