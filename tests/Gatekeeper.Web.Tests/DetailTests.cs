using Bunit;
using Gatekeeper.Web.Components.Pages.Applications.Detail;

namespace Gatekeeper.Web.Tests;

public sealed class DetailTests : IAsyncLifetime
{
    private PortalContext _sato = default!;

    public async Task InitializeAsync() => _sato = await PortalContext.CreateAsync("researcher-sato");

    public async Task DisposeAsync() => await _sato.DisposeAsync();

    private async Task<Guid> IdOfAsync(string reference) =>
        (await _sato.Applications.ListMineAsync(_sato.Actor, default)).Single(a => a.Reference == reference).Id;

    [Fact]
    public async Task Shows_an_approved_application_with_its_history_and_no_actions()
    {
        var id = await IdOfAsync("GK-DEMO-0002");

        var page = _sato.Render<ApplicationDetail>(p => p.Add(d => d.Id, id));

        page.WaitForAssertion(() => page.Find("[data-testid=history-timeline]"));
        Assert.NotNull(page.Find("[data-testid=application-meta] [data-testid=status-Approved]"));
        var history = page.FindAll("[data-testid=history-timeline] [data-testid=timeline-entry]");
        Assert.Equal(3, history.Count);
        Assert.Contains("Proportionate variables; aggregate outputs only.", history[0].TextContent);
        Assert.Contains("hba1c.hba1c", page.Find("[data-testid=summary-variables]").TextContent);
        Assert.Empty(page.FindAll("[data-testid^=action-]"));
    }

    [Fact]
    public async Task Offers_edit_submit_and_withdraw_for_a_draft_and_a_revision_for_a_submitted_one()
    {
        var draft = _sato.Render<ApplicationDetail>(p => p.Add(d => d.Id, IdOfAsync("GK-DEMO-0003").Result));
        draft.WaitForAssertion(() => draft.Find("[data-testid=action-edit]"));
        Assert.NotNull(draft.Find("[data-testid=action-submit]"));
        Assert.NotNull(draft.Find("[data-testid=action-withdraw]"));

        var submitted = _sato.Render<ApplicationDetail>(p => p.Add(d => d.Id, IdOfAsync("GK-DEMO-0001").Result));
        submitted.WaitForAssertion(() => submitted.Find("[data-testid=create-revision]"));
        Assert.Empty(submitted.FindAll("[data-testid=action-edit]"));
    }

    [Fact]
    public async Task Submitting_an_incomplete_draft_lists_every_reason_and_changes_nothing()
    {
        var id = await IdOfAsync("GK-DEMO-0003");
        var page = _sato.Render<ApplicationDetail>(p => p.Add(d => d.Id, id));
        page.WaitForAssertion(() => page.Find("[data-testid=action-submit]"));

        await page.Find("[data-testid=action-submit]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Choose at least one dataset.", page.Find("[data-testid=action-errors]").TextContent));
        Assert.Equal(Domain.Applications.ApplicationStatus.Draft, (await _sato.Applications.GetAsync(_sato.Actor, id, default))!.Status);
    }

    [Fact]
    public void An_application_that_does_not_exist_or_is_not_visible_shows_a_friendly_not_found()
    {
        var page = _sato.Render<ApplicationDetail>(p => p.Add(d => d.Id, Guid.NewGuid()));

        page.WaitForAssertion(() => page.Find("[data-testid=not-found]"));
        Assert.Contains("Application not found", page.Markup);
    }
}
