using Bunit;
using Gatekeeper.Disclosure.Privacy.Planning;
using Gatekeeper.Web.Components.Pages.Runs;

namespace Gatekeeper.Web.Tests;

/// <summary>The run page's DP panel: the cost and every cell's 95 % noise interval from the airlock's release record, in both languages.</summary>
public sealed class DpAccuracyTests : IAsyncLifetime
{
    private PortalContext _portal = default!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_portal is not null) await _portal.DisposeAsync();
    }

    [Theory]
    [InlineData("en", "cost ε 0.25, δ 0")]
    [InlineData("ja", "ε 0.25, δ 0 を消費")]
    public async Task A_dp_runs_accuracy_per_cell_is_shown_from_its_release_record(string culture, string cost)
    {
        var (portal, _) = await RunsPortal.CreateAsync("researcher-sato", withData: false, culture);
        _portal = portal;
        var airlock = Path.Combine("airlock", "run-dp-a1");
        var folder = Path.Combine(portal.Store.DataFolder, airlock, "dp");
        Directory.CreateDirectory(folder);
        var release = new DpResult(["sex"],
        [
            new DpResultRow(["1"], [new DpCell("days", DpMeasureKind.Count, 412, 13, 398.9, 425.1, 0.95), new DpCell("mean_steps", DpMeasureKind.Mean, 7012.5, null, 6800, 7200, 0.95)], null),
            new DpResultRow(["2"], [new DpCell("days", DpMeasureKind.Count, 3, 13, -10.1, 16.1, 0.95), new DpCell("mean_steps", DpMeasureKind.Mean, null, null, null, null, 0.95)], null),
        ], "ε 0.25, δ 0", ["rows: discrete Laplace"]);
        await File.WriteAllTextAsync(Path.Combine(folder, "result.json"), release.ToJson());

        var panel = portal.Render<DpAccuracy>(p => p.Add(x => x.AirlockFolder, airlock));

        Assert.Contains(cost, panel.Find("[data-testid=dp-accuracy]").TextContent, StringComparison.Ordinal);
        var cells = panel.FindAll("[data-testid=dp-cell]").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(4, cells.Count);
        Assert.Equal("± 13", cells[0]);
        Assert.Equal("± 200", cells[1]);
        Assert.DoesNotContain("412", panel.Markup, StringComparison.Ordinal); // values wait in the airlock
        Assert.DoesNotContain("± ", cells[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_without_a_release_record_shows_no_panel()
    {
        var (portal, _) = await RunsPortal.CreateAsync("researcher-sato", withData: false);
        _portal = portal;
        var panel = portal.Render<DpAccuracy>(p => p.Add(x => x.AirlockFolder, Path.Combine("airlock", "none")));
        Assert.Empty(panel.FindAll("[data-testid=dp-accuracy]"));
    }
}
