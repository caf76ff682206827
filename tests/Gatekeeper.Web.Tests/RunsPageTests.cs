using Bunit;
using Gatekeeper.Domain.Runs;
using Gatekeeper.Testing;
using Gatekeeper.Web.Components.Pages.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gatekeeper.Web.Tests;

/// <summary>The researcher's run page: editor beside the permit's scope, validation naming constructs, runs list, cancel, and the blocked states.</summary>
public sealed class RunsPageTests : IAsyncLifetime
{
    private PortalContext _portal = default!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_portal is not null) await _portal.DisposeAsync();
    }

    [Fact]
    public async Task A_researcher_validates_runs_and_cancels_a_query_beside_the_permits_tables_and_variables()
    {
        var (portal, permit) = await RunsPortal.CreateAsync("researcher-sato", withData: true);
        _portal = portal;

        var page = portal.Render<PermitRunsPage>(p => p.Add(x => x.Id, permit.Id));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=run-editor]")));
        Assert.Equal(["activity", "hba1c", "participants"], page.FindAll("[data-testid=scope-table]").Select(e => e.TextContent.Trim()).Order().ToList());
        Assert.Contains("consortium_id", page.Find("[data-testid=run-scope]").TextContent);
        Assert.Contains("Steps", page.Find("[data-testid=run-scope]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=dataset-not-loaded]"));
        Assert.NotEmpty(page.FindAll("[data-testid=runs-empty]"));
        // The run limits: the host's as they are (the demo dataset's policy sets none).
        Assert.Equal("10 min", page.Find("[data-testid=limit-wall-clock]").TextContent.Trim());
        Assert.Equal("100,000", page.Find("[data-testid=limit-rows]").TextContent.Trim());
        Assert.Contains("This gatekeeper's limits for every run.", page.Find("[data-testid=limits-source]").TextContent);

        // A variable outside the permit: the problem names it.
        page.Find("textarea").Input("SELECT method_code, count(*) AS n FROM hba1c GROUP BY method_code");
        page.Find("[data-testid=run-validate]").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=run-problem]")));
        var problem = page.Find("[data-testid=run-problem]");
        Assert.Equal(RunRefusalCodes.VariableNotPermitted, problem.GetAttribute("data-rule"));
        Assert.Contains("hba1c.method_code", problem.TextContent);

        // A valid aggregate: validated, then queued and listed with its state; then cancelled.
        page.Find("textarea").Input("SELECT p.consortium_id, avg(a.step) AS mean_steps FROM activity a JOIN participants p USING (participant_id) GROUP BY 1");
        page.Find("[data-testid=run-validate]").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=run-valid]")));
        page.Find("[data-testid=run-submit]").Click();
        page.WaitForAssertion(() => Assert.Equal("Queued", page.Find("[data-testid=run-row]").GetAttribute("data-state")));
        Assert.NotEmpty(page.FindAll("[data-testid=runs-chart]"));

        page.Find("[data-testid=run-cancel]").Click();
        page.WaitForAssertion(() => Assert.Equal("Cancelled", page.Find("[data-testid=run-row]").GetAttribute("data-state")));
        await using var db = await portal.Store.DbAsync();
        Assert.Equal(RunState.Cancelled, (await db.Runs.AsNoTracking().SingleAsync(r => r.PermitId == permit.Id)).State);
    }

    [Fact]
    public async Task A_policy_tightens_the_hosts_run_limits_but_never_raises_them()
    {
        var (portal, permit) = await RunsPortal.CreateAsync("researcher-sato", withData: true);
        _portal = portal;
        var dataset = permit.Datasets[0].DatasetId;
        var folder = Directory.CreateTempSubdirectory("gk-run-limits-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "tight.yaml"),
                $"id: tight\nversion: '1'\napplies_to:\n  datasets: [{dataset}]\n  tiers: [aggregate-statistics, anonymised-microdata, pseudonymised-microdata]\n" +
                "runs:\n  wall_clock_seconds: 90\n  max_output_rows: 500\n  memory_mb: 999999\n");
            var host = new Gatekeeper.Web.Runs.RunLimitOptions();
            var specs = new Gatekeeper.Web.Runs.RunSpecFactory(portal.Store.Get<Gatekeeper.Data.Catalogue.CatalogueService>(),
                new Gatekeeper.Ingest.Storage.AnalysisStore(new Gatekeeper.Ingest.Storage.DataLayout(portal.Store.DataFolder)),
                Microsoft.Extensions.Options.Options.Create(host), Gatekeeper.Disclosure.Policies.DisclosurePolicyCatalogue.LoadDirectory(folder));

            var (limits, policyId) = specs.Limits(permit, dataset);
            Assert.Equal("tight", policyId);
            Assert.Equal(TimeSpan.FromSeconds(90), limits.WallClock);
            Assert.Equal(500, limits.MaxOutputRows);
            Assert.Equal(host.MemoryMb, limits.MemoryMb); // asked for more than the host allows: the host's ceiling stays
            Assert.Equal((host.CpuSeconds, host.MaxOutputBytes, host.Threads), (limits.CpuSeconds, limits.MaxOutputBytes, limits.Threads));

            // Every run under the permit gets them.
            var (spec, problems) = await specs.CreateAsync(permit, dataset, "SELECT count(*) AS n FROM participants", "R-limits", CancellationToken.None);
            Assert.Empty(problems);
            Assert.Equal(limits, spec!.Limits);

            // And the page says where they come from.
            portal.Bunit.Services.AddSingleton(specs);
            var page = portal.Render<PermitRunsPage>(p => p.Add(x => x.Id, permit.Id));
            page.WaitForAssertion(() => Assert.Equal("90 s", page.Find("[data-testid=limit-wall-clock]").TextContent.Trim()));
            Assert.Equal("500", page.Find("[data-testid=limit-rows]").TextContent.Trim());
            Assert.Contains("disclosure policy tight", page.Find("[data-testid=limits-source]").TextContent);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Without_published_tables_the_page_says_the_dataset_is_not_yet_loaded_and_offers_no_run()
    {
        var (portal, permit) = await RunsPortal.CreateAsync("researcher-sato", withData: false, culture: "ja");
        _portal = portal;

        var page = portal.Render<PermitRunsPage>(p => p.Add(x => x.Id, permit.Id));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=dataset-not-loaded]")));
        Assert.Contains("データセットは未ロードです", page.Markup);
        Assert.Contains("このゲートキーパーの全実行共通の上限です。", page.Find("[data-testid=limits-source]").TextContent);
        Assert.Equal("10 分", page.Find("[data-testid=limit-wall-clock]").TextContent.Trim());
        Assert.True(page.Find("[data-testid=run-submit]").HasAttribute("disabled"));
        Assert.True(page.Find("[data-testid=run-validate]").HasAttribute("disabled"));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task The_layout_warns_on_every_page_only_when_runs_are_allowed_unsandboxed_and_no_sandbox_works(bool allowUnsandboxed, bool banner)
    {
        _portal = await PortalContext.CreateAsync("researcher-sato");
        var layout = new Gatekeeper.Ingest.Storage.DataLayout(_portal.Store.DataFolder);
        var options = new Gatekeeper.VisitingEnvironment.Sandbox.VisitingEnvironmentOptions
        {
            RunsFolder = Path.Combine(_portal.Store.DataFolder, "runs"), WarmWorkers = 0,
            BubblewrapPath = "/nonexistent/bwrap", AllowUnsandboxedRuns = allowUnsandboxed,
        };
        var keys = new Gatekeeper.Ingest.Pseudonymisation.FileKeyProvider(layout);
        var executor = new Gatekeeper.VisitingEnvironment.Runs.RunExecutor(options, new Gatekeeper.Ingest.Storage.AnalysisStore(layout),
            new Gatekeeper.Ingest.Consent.FileConsentRegistry(layout), keys);
        _portal.Bunit.Services.AddSingleton(new Gatekeeper.Web.Runs.RunSandboxState(Microsoft.Extensions.Options.Options.Create(options), executor));

        var page = _portal.Render<UnsandboxedBanner>();

        Assert.Equal(banner, page.FindAll("[data-testid=unsandboxed-banner]").Count == 1);
        if (banner) Assert.Contains("Runs are NOT sandboxed", page.Markup);
    }

    [Fact]
    public async Task Someone_not_on_the_permits_team_sees_not_found()
    {
        var (portal, permit) = await RunsPortal.CreateAsync("researcher-tanaka", withData: false);
        _portal = portal;

        var page = portal.Render<PermitRunsPage>(p => p.Add(x => x.Id, permit.Id));

        page.WaitForAssertion(() => Assert.Contains("not named on this permit", page.Markup));
        Assert.Empty(page.FindAll("[data-testid=run-editor]"));
    }
}
