using Bunit;
using Gatekeeper.Data.Airlock;
using Gatekeeper.Data.Outputs;
using Gatekeeper.Domain.Outputs;
using Gatekeeper.Testing;
using Gatekeeper.Testing.Outputs;
using Gatekeeper.Web.Components.Pages.Outputs;
using Gatekeeper.Web.Outputs;
using Microsoft.Extensions.DependencyInjection;

namespace Gatekeeper.Web.Tests;

/// <summary>
/// The exit review's pages over a real store: the researcher's request (rules explained, exception field for the failing
/// output, refusal naming the file), the checker's page (failing rows highlighted, exception beside the table, blinding),
/// separation of duties (a checker on the team sees not found) and the queue's empty state in Japanese.
/// </summary>
public sealed class OutputPagesTests : IAsyncLifetime
{
    private readonly List<PortalContext> _portals = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var portal in _portals) await portal.DisposeAsync();
    }

    [Fact]
    public async Task The_researcher_sees_why_an_output_failed_and_cannot_submit_it_without_an_exception_request()
    {
        var portal = await CreateAsync("researcher-sato");
        var scenario = await ReleaseScenario.CreateAsync(portal.Store);

        var page = portal.Render<ReleaseRequestPage>(p => p.Add(x => x.PermitId, scenario.Permit.Id).Add(x => x.RunId, scenario.Run.Id));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=release-file]").Count));
        var failing = page.Find("[data-testid=release-file][data-name=small_cells]");
        Assert.Equal("fail", failing.GetAttribute("data-status"));
        Assert.Contains("fewer persons than the policy's minimum", failing.TextContent);
        Assert.Single(page.FindAll("[data-testid=release-file-exception]"));
        Assert.DoesNotContain("C08", page.Markup); // no result value, no shadow statistic

        page.Find("[data-testid=release-description-input]").Change("People per consortium for the programme's baseline table.");
        page.Find("[data-testid=release-submit]").Click();

        page.WaitForAssertion(() => Assert.Contains("failed the automated disclosure check", page.Markup));
        Assert.Equal("pending", page.Find("[data-testid=release-status]").GetAttribute("data-status"));
    }

    [Fact]
    public async Task A_checker_sees_the_failing_rows_highlighted_with_the_exception_and_not_the_other_checkers_votes()
    {
        var researcher = await CreateAsync("researcher-sato");
        var scenario = await ReleaseScenario.CreateAsync(researcher.Store);
        await SubmitAsync(researcher, scenario);
        var kato = TestActors.For("checker-kato");
        var checking = researcher.Store.Get<OutputCheckingService>();
        var view = (await checking.GetAsync(kato, scenario.Request.Id, CancellationToken.None))!;
        foreach (var file in view.Files) Assert.True((await checking.SaveVoteAsync(kato, scenario.Request.Id, file.Id, FileVoteChoices.Approve, "Public figure.", CancellationToken.None)).Succeeded);
        Assert.True((await checking.SubmitReviewAsync(kato, scenario.Request.Id, null, CancellationToken.None)).Succeeded);

        var portal = await CreateAsync("checker-kobayashi", researcher.Store);
        var page = portal.Render<OutputReviewPage>(p => p.Add(x => x.Id, scenario.Request.Id));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=review-file-body]").Count));
        var failing = page.Find("[data-testid=review-file-body][data-name=small_cells]");
        Assert.Single(failing.QuerySelectorAll("[data-testid=review-row][data-status=fail]"));
        Assert.Contains("C08", failing.QuerySelector("[data-testid=review-row][data-status=fail]")!.TextContent);
        Assert.NotNull(failing.QuerySelector("[data-testid=review-exception]"));
        Assert.NotNull(page.Find("[data-testid=blinded]"));
        Assert.Empty(page.FindAll("[data-testid=other-vote]"));
        Assert.Contains("1 of 2", page.Find("[data-testid=reviews-in]").TextContent);
    }

    [Fact]
    public async Task A_checker_named_on_the_team_gets_not_found()
    {
        var researcher = await CreateAsync("researcher-sato");
        var scenario = await ReleaseScenario.CreateAsync(researcher.Store, "kobayashi@hdab.example");
        await SubmitAsync(researcher, scenario);

        var portal = await CreateAsync("checker-kobayashi", researcher.Store);
        var page = portal.Render<OutputReviewPage>(p => p.Add(x => x.Id, scenario.Request.Id));

        page.WaitForAssertion(() => Assert.Contains("separation of duties", page.Markup));
        Assert.Empty(page.FindAll("[data-testid=review-file-body]"));
    }

    [Fact]
    public async Task The_queue_says_in_Japanese_that_there_is_nothing_to_check()
    {
        var portal = await CreateAsync("checker-kato", culture: "ja");

        var page = portal.Render<OutputQueuePage>();

        page.WaitForAssertion(() => Assert.Contains("チェック対象はありません", page.Find("[data-testid=outputs-empty]").TextContent));
    }

    private async Task<PortalContext> CreateAsync(string userId, TestStore? shared = null, string culture = "en")
    {
        var portal = await PortalContext.CreateAsync(userId, culture);
        _portals.Add(portal);
        var store = shared ?? portal.Store;
        var services = portal.Bunit.Services;
        services.AddSingleton(store.Get<OutputReleaseService>());
        services.AddSingleton(store.Get<OutputCheckingService>());
        services.AddSingleton(new OutputTableLoader(new Data.DataFolder(store.DataFolder), store.Get<AirlockService>()));
        return portal;
    }

    private static async Task SubmitAsync(PortalContext portal, ReleaseScenario scenario)
    {
        var releases = portal.Store.Get<OutputReleaseService>();
        var view = (await releases.GetForRunAsync(TestActors.Sato, scenario.Run.Id, CancellationToken.None))!;
        var submitted = await releases.SubmitAsync(TestActors.Sato, scenario.Request.Id, new ReleaseDraft
        {
            Description = "People per consortium for the programme's baseline table.",
            Files = [.. view.Files.Select(f => new ReleaseFileDraft(f.Id, true, null, f.FailsAutomatically ? "Published in the programme report." : null))],
        }, CancellationToken.None);
        Assert.True(submitted.Succeeded, submitted.ToString());
    }
}
