using System.Net;
using Gatekeeper.Data.Administration;
using Gatekeeper.Data.Workflows;
using Gatekeeper.Domain.Administration;
using Gatekeeper.Domain.Common;
using Gatekeeper.Testing;
using Gatekeeper.Web.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gatekeeper.IntegrationTests;

/// <summary>Who reaches the review board's pages and files, and separation of duties on the real host.</summary>
public sealed class ReviewAccessTests(ReviewAccessTests.Host host) : IClassFixture<ReviewAccessTests.Host>
{
    public sealed class Host : IDisposable
    {
        public GatekeeperWebHost Web { get; } = new();

        public void Dispose() => Web.Dispose();
    }

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Theory]
    [InlineData("/reviews")]
    [InlineData("/reviews/00000000-0000-0000-0000-000000000001")]
    public async Task A_researcher_is_sent_to_access_denied_from_the_review_pages(string path)
    {
        var researcher = await host.Web.SignInAsync("researcher-sato");

        var denied = await researcher.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/account/access-denied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var files = await researcher.GetAsync("/reviews/00000000-0000-0000-0000-000000000001/attachments/00000000-0000-0000-0000-000000000002");
        Assert.Equal(HttpStatusCode.Redirect, files.StatusCode);
    }

    [Theory]
    [InlineData("steward-ito")]
    [InlineData("reviewer-yamamoto")]
    [InlineData("chair-nakamura")]
    public async Task The_review_board_reaches_the_queue(string userId)
    {
        var member = await host.Web.SignInAsync(userId);

        var page = await member.GetAsync("/reviews");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-testid=\"queue-summary\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reviewer_of_the_applicants_organisation_can_neither_see_nor_act_on_its_review()
    {
        // Watanabe moves to the applicant's organisation: from now on, every application of it is a conflict of interest for him.
        using (var scope = host.Web.Services.CreateScope())
        {
            var moved = await scope.ServiceProvider.GetRequiredService<AdministrationService>().UpdatePersonAsync(TestActors.For("admin-yamada"), "reviewer-watanabe",
                new PersonDetails("渡辺 健 (Ken Watanabe)", "watanabe@elsi-board.example", "univ-tokyo-hosp", [Roles.ElsiReviewer]), CancellationToken.None);
            Assert.True(moved.Succeeded, moved.ToString());
        }

        var sato = await host.Web.SignInAsync("researcher-sato");
        var draft = await (await sato.PostJsonAsync("/api/v1/applications", SampleContent.Complete(Today) with { Title = "Conflict of interest check" })).ReadApplicationAsync();
        var submitted = await sato.PostJsonAsync($"/api/v1/applications/{draft.Id}/submit", new TransitionRequest(draft.ConcurrencyStamp, null));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);

        var reviews = host.Web.Services.GetRequiredService<ReviewWorkflowService>();
        var screening = (await reviews.GetReviewForApplicationAsync(TestActors.Steward, draft.Id, CancellationToken.None))!.Actions.Single(a => a.Name == "accept");
        Assert.True((await reviews.ActAsync(TestActors.Steward, screening.TaskId, new ReviewAction { Action = "accept" }, CancellationToken.None)).Succeeded);

        // The queue leaves it out for him (filtered in its SQL) while the other reviewer has it.
        var asWatanabe = TestActors.For("reviewer-watanabe") with { OrganisationId = "univ-tokyo-hosp" };
        var queue = host.Web.Services.GetRequiredService<ReviewQueueService>();
        var team = await queue.QueryAsync(asWatanabe, new ReviewQueueQuery { Scope = ReviewQueueScope.Team, PageSize = 100 }, CancellationToken.None);
        Assert.DoesNotContain(team.Items, i => i.ApplicationId == draft.Id);
        var mine = await queue.QueryAsync(TestActors.For("reviewer-yamamoto"), new ReviewQueueQuery { Scope = ReviewQueueScope.Mine }, CancellationToken.None);
        Assert.Contains(mine.Items, i => i.ApplicationId == draft.Id);

        var watanabe = await host.Web.SignInAsync("reviewer-watanabe");

        var review = await watanabe.GetAsync($"/reviews/{draft.Id}");
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        var html = await review.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"review-conflict\"", html, StringComparison.Ordinal);
        Assert.Contains("data-conflict=\"same-organisation\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"elsi-form\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"application-sections\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await watanabe.GetAsync($"/reviews/{draft.Id}/letter?lang=en")).StatusCode);

        // The review task went to the other reviewer; the chair cannot hand it to Watanabe, and he cannot take it.
        await using var db = await host.Web.Services.GetRequiredService<IDbContextFactory<Data.GatekeeperDbContext>>().CreateDbContextAsync();
        var task = await db.WorkflowTasks.AsNoTracking().SingleAsync(t => t.ApplicationId == draft.Id && t.Role == Roles.ElsiReviewer);
        Assert.Equal("reviewer-yamamoto", task.AssigneeId);
        var assigned = Assert.Single(await reviews.AssignAsync(TestActors.Chair, [task.Id], "reviewer-watanabe", CancellationToken.None));
        Assert.Equal("conflict-of-interest", Assert.Single(assigned.Result.Errors).Rule);
        Assert.Null(await reviews.GetReviewForApplicationAsync(asWatanabe, draft.Id, CancellationToken.None));
        var claimed = Assert.Single(await reviews.AssignAsync(asWatanabe, [task.Id], asWatanabe.UserId, CancellationToken.None));
        Assert.False(claimed.Result.Succeeded);
    }
}
