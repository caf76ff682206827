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
    public async Task Without_published_tables_the_page_says_the_dataset_is_not_yet_loaded_and_offers_no_run()
    {
        var (portal, permit) = await RunsPortal.CreateAsync("researcher-sato", withData: false, culture: "ja");
        _portal = portal;

        var page = portal.Render<PermitRunsPage>(p => p.Add(x => x.Id, permit.Id));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=dataset-not-loaded]")));
        Assert.Contains("データセットは未ロードです", page.Markup);
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
