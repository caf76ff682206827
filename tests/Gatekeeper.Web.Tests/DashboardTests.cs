using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Gatekeeper.Web.Components.Pages.Home;

namespace Gatekeeper.Web.Tests;

public sealed class DashboardTests : IAsyncLifetime
{
    private PortalContext _sato = default!;

    public async Task InitializeAsync() => _sato = await PortalContext.CreateAsync("researcher-sato");

    public async Task DisposeAsync() => await _sato.DisposeAsync();

    [Fact]
    public void Lists_the_seeded_applications_with_their_statuses()
    {
        var page = _sato.Render<Dashboard>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=application-row]").Count));
        var statusByReference = page.FindAll("[data-testid=application-row]").ToDictionary(
            row => row.GetAttribute("data-reference")!,
            row => row.QuerySelector("[data-testid^=status-]")!.GetAttribute("data-testid"));
        Assert.Equal("status-Submitted", statusByReference["GK-DEMO-0001"]);
        Assert.Equal("status-Approved", statusByReference["GK-DEMO-0002"]);
        Assert.Equal("status-Draft", statusByReference["GK-DEMO-0003"]);
        Assert.Contains("Submitted", page.Find("[data-reference=GK-DEMO-0001]").TextContent);
    }

    [Fact]
    public void Counts_applications_by_status_and_shows_recent_changes()
    {
        var page = _sato.Render<Dashboard>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=activity-timeline] [data-testid=timeline-entry]")));
        foreach (var status in new[] { "Draft", "Submitted", "Approved" })
            Assert.EndsWith("1", page.Find($"[data-testid=count-{status}]").TextContent.Trim());
        var activity = page.Find("[data-testid=activity-timeline]").TextContent;
        Assert.Contains("GK-DEMO-0002", activity);
        Assert.Contains("Approved", activity);
    }

    [Fact]
    public async Task Shows_the_empty_state_with_a_call_to_action_for_a_researcher_without_applications()
    {
        await using var tanaka = await PortalContext.CreateAsync("researcher-tanaka");

        var page = tanaka.Render<Dashboard>();

        page.WaitForAssertion(() => page.Find("[data-testid=dashboard-empty]"));
        Assert.Empty(page.FindAll("[data-testid=applications-table]"));
        Assert.Equal("/applications/new", page.Find("[data-testid=empty-new-application]").GetAttribute("href"));
        Assert.Contains("You have no applications yet", page.Markup);
    }

    [Fact]
    public async Task Speaks_Japanese_when_the_culture_is_Japanese()
    {
        await using var sato = await PortalContext.CreateAsync("researcher-sato", "ja");

        var page = sato.Render<Dashboard>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=application-row]").Count));
        Assert.Contains("マイ申請", page.Markup);
        Assert.Contains("提出済み", page.Find("[data-reference=GK-DEMO-0001]").TextContent);
    }

    [Theory]
    [InlineData("steward-ito", "/reviews")]
    [InlineData("chair-nakamura", "/reviews")]
    [InlineData("operator-yoshida", "/audit")]
    [InlineData("checker-kobayashi", "/outputs")]
    [InlineData("admin-yamada", "/admin/people")]
    public async Task Sends_staff_on_to_the_area_their_role_works_in(string userId, string area)
    {
        await using var staff = await PortalContext.CreateAsync(userId);
        var navigation = staff.Bunit.Services.GetRequiredService<NavigationManager>();

        var page = staff.Render<Dashboard>();

        page.WaitForAssertion(() => Assert.EndsWith(area, navigation.Uri, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=applications-table]"));
    }
}
