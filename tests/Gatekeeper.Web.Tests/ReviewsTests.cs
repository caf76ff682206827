using AngleSharp.Dom;
using Bunit;
using Gatekeeper.Data.Permits;
using Gatekeeper.Data.Workflows;
using Gatekeeper.Domain.Reviews;
using Gatekeeper.Testing;
using Gatekeeper.Web.Components.Pages.Applications.Detail;
using Gatekeeper.Web.Components.Pages.Permits;
using Gatekeeper.Web.Components.Pages.Reviews;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Web.Tests;

/// <summary>The review board's queue and review form, and the researcher's view of the decision and permit.</summary>
public sealed class ReviewsTests : IAsyncLifetime
{
    private const string Reviewer = "reviewer-watanabe";

    private PortalContext _portal = default!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_portal is not null) await _portal.DisposeAsync();
    }

    [Fact]
    public async Task The_queue_lists_a_reviewers_tasks_with_their_countdown_and_filters_them()
    {
        _portal = await ReviewsPortal.CreateAsync(Reviewer);
        foreach (var (applicant, title) in new[] { (TestActors.Sato, "Daily steps and HbA1c"), (TestActors.Tanaka, "Sleep and glucose in workers") })
        {
            var app = await _portal.SubmitAsync(applicant, title);
            await _portal.ScreenAsync(app.Id);
            await _portal.AssignReviewAsync(app.Id, Reviewer);
        }

        var page = _portal.Render<ReviewQueue>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=queue-mine] [data-testid=queue-row]").Count));
        Assert.Contains("Review queue", page.Markup);
        Assert.Equal("2", page.Find("[data-testid=count-mine] [data-testid=summary-value]").TextContent);
        // Submitted today: the 3-month EHDS deadline is far off, so every countdown is green.
        Assert.All(page.FindAll("[data-testid=queue-mine] [data-testid=sla]"), sla => Assert.Equal("green", sla.GetAttribute("data-sla")));
        Assert.Contains("ELSI review", page.Find("[data-testid=queue-mine] [data-testid=queue-table]").TextContent);

        Search(page, "Sleep", () =>
        {
            var row = Assert.Single(page.FindAll("[data-testid=queue-mine] [data-testid=queue-row]"));
            Assert.StartsWith("GK-", row.GetAttribute("data-reference"), StringComparison.Ordinal);
            Assert.Contains("Sleep and glucose", page.Find("[data-testid=queue-mine] [data-testid=queue-table]").TextContent);
        });

        Search(page, "no such study", () => Assert.NotNull(page.Find("[data-testid=queue-mine] [data-testid=queue-empty]")));
        Assert.Contains("No task matches these filters", page.Markup);
    }

    [Fact]
    public async Task The_review_form_refuses_an_incomplete_review_then_records_the_vote()
    {
        _portal = await ReviewsPortal.CreateAsync(Reviewer);
        var app = await _portal.SubmitAsync(TestActors.Sato, "Daily steps and HbA1c");
        await _portal.ScreenAsync(app.Id);
        var task = await _portal.AssignReviewAsync(app.Id, Reviewer);

        var page = _portal.Render<ReviewPage>(p => p.Add(r => r.ApplicationId, app.Id));
        page.WaitForAssertion(() => page.Find("[data-testid=elsi-form]"));
        Assert.Contains("Daily steps and HbA1c", page.Find("[data-testid=application-sections]").TextContent);

        // A recommendation other than approval, with nothing rated and no comment: refused, every gap named.
        await ChooseAsync(page, "elsi-recommend-revise-and-resubmit");
        await page.Find("[data-testid=elsi-submit]").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Equal("required", page.Find("[data-testid=elsi-legalBasis-error]").GetAttribute("data-rule")));
        Assert.Equal(6, page.FindAll("[data-testid$=-error][data-rule=required]").Count);
        Assert.Contains("Explain a recommendation other than approval.", page.Find("[data-testid=elsi-form]").TextContent);
        await using (var db = await _portal.Store.DbAsync())
            Assert.False(await db.Reviews.AnyAsync(r => r.TaskId == task.Id));

        // A concern without a note is still refused for that point alone.
        foreach (var field in ElsiReviewModel.Fields) await ChooseAsync(page, $"elsi-{field}-Satisfied");
        await ChooseAsync(page, "elsi-proportionality-Concerns");
        await ChooseAsync(page, "elsi-recommend-approve");
        await page.Find("[data-testid=elsi-submit]").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Equal("note-required", page.Find("[data-testid=elsi-proportionality-error]").GetAttribute("data-rule")));
        Assert.Single(page.FindAll("[data-testid$=-error]"));

        await page.Find("[data-testid=elsi-proportionality-note] textarea, textarea[data-testid=elsi-proportionality-note]")
            .ChangeAsync(new ChangeEventArgs { Value = "Birth year-month would do instead of the full date." });
        await page.Find("[data-testid=elsi-submit]").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=already-voted]")));
        Assert.Empty(page.FindAll("[data-testid=elsi-form]"));
        // Having voted, the reviewer now sees the votes (their own) and the step moved on to the chair.
        Assert.Equal("approve", page.Find("[data-testid=vote][data-reviewer=reviewer-watanabe] [data-testid=vote-recommendation]").TextContent.Trim().ToLowerInvariant());
        Assert.Equal("chair_decision", page.Find("[data-testid=review-state]").GetAttribute("data-state"));
        await using (var db = await _portal.Store.DbAsync())
        {
            var review = await db.Reviews.SingleAsync(r => r.TaskId == task.Id);
            Assert.Equal(ReviewDecision.Approve, review.Recommendation);
            Assert.Equal(ChecklistRating.Concerns, review.Checklist.Proportionality.Rating);
            Assert.Equal("Birth year-month would do instead of the full date.", review.Checklist.Proportionality.Note);
        }
    }

    [Fact]
    public async Task The_researcher_sees_the_decision_and_the_permit_after_approval()
    {
        _portal = await ReviewsPortal.CreateAsync("researcher-sato");
        var app = await _portal.SubmitAsync(TestActors.Sato, "Daily steps and HbA1c");
        await _portal.ScreenAsync(app.Id);
        await _portal.ApproveVotesAsync(app.Id);
        await _portal.DecideAsync(app.Id, new ReviewAction
        {
            Action = "approve_with_conditions", Comment = "Public benefit is clear; outputs stay aggregate.", Conditions = ["Publish only aggregates of 10 or more people."],
        });
        var permit = await _portal.Store.Get<PermitService>().GetForApplicationAsync(TestActors.Sato, app.Id, CancellationToken.None);
        Assert.NotNull(permit);

        var page = _portal.Render<ApplicationDetail>(p => p.Add(d => d.Id, app.Id));

        page.WaitForAssertion(() => page.Find("[data-testid=application-permit]"));
        Assert.Equal(permit.Number, page.Find("[data-testid=permit-number]").TextContent.Trim());
        Assert.Equal("Active", page.Find("[data-testid=application-permit] [data-testid=permit-status]").GetAttribute("data-status"));
        Assert.Contains("hba1c.hba1c", page.Find("[data-testid=permit-variables]").TextContent);
        Assert.Contains("Aggregate statistics", page.Find("[data-testid=permit-tier]").TextContent);
        Assert.Contains("ε = 1", page.Find("[data-testid=permit-budget]").TextContent);
        Assert.Contains("Publish only aggregates of 10 or more people.", page.Find("[data-testid=permit-conditions]").TextContent);
        Assert.Contains("Hanako Sato", page.Find("[data-testid=permit-team]").TextContent);
        Assert.Equal("approve-with-conditions", page.Find("[data-testid=decision-chip]").GetAttribute("data-decision"));
        Assert.Equal($"/reviews/{app.Id}/letter?lang=en", page.Find("[data-testid=letter-link]").GetAttribute("href"));
        Assert.Equal("approved_with_conditions", page.Find("[data-testid=progress-state]").GetAttribute("data-state"));
        Assert.Empty(page.FindAll("[data-testid=revision-requests]"));

        var permits = _portal.Render<PermitsPage>();
        permits.WaitForAssertion(() => Assert.Single(permits.FindAll($"[data-testid=permit-row][data-permit='{permit.Number}']")));
    }

    [Fact]
    public async Task A_returned_application_shows_the_researcher_the_request_and_the_way_to_answer_it()
    {
        _portal = await ReviewsPortal.CreateAsync("researcher-sato", "ja");
        var app = await _portal.SubmitAsync(TestActors.Sato, "Daily steps and HbA1c");
        var screening = Assert.Single(await _portal.OpenTasksAsync(app.Id));
        var returned = await _portal.Store.Get<ReviewWorkflowService>().ActAsync(TestActors.Steward, screening.Id,
            new ReviewAction { Action = "return", Comment = "Please justify the HbA1c variable for the whole period." }, CancellationToken.None);
        Assert.True(returned.Succeeded, string.Join("; ", returned.Errors));

        var page = _portal.Render<ApplicationDetail>(p => p.Add(d => d.Id, app.Id));

        page.WaitForAssertion(() => page.Find("[data-testid=revision-requests]"));
        Assert.Contains("Please justify the HbA1c variable", page.Find("[data-testid=revision-request]").TextContent);
        Assert.Contains("審査側から修正の依頼があります", page.Markup);
        Assert.NotNull(page.Find("[data-testid=revision-requests] [data-testid=create-revision]"));
        Assert.NotNull(page.Find("[data-testid=sla-stopped]"));
        Assert.Equal("true", page.Find("[data-testid=comment-thread] [data-testid=comment]").GetAttribute("data-request"));

        // The researcher can answer in the thread; the board is told.
        await page.Find("[data-testid=comment-body] textarea, textarea[data-testid=comment-body]").InputAsync(new ChangeEventArgs { Value = "HbA1c is the outcome; we need every measurement." });
        await page.Find("[data-testid=comment-send]").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=comment-thread] [data-testid=comment]").Count));
        Assert.Equal("Researcher", page.FindAll("[data-testid=comment]")[1].GetAttribute("data-author"));
    }

    [Theory]
    [InlineData(45, SlaLevel.OnTrack, 45)]
    [InlineData(31, SlaLevel.OnTrack, 31)]
    [InlineData(30, SlaLevel.DueSoon, 30)]
    [InlineData(1, SlaLevel.DueSoon, 1)]
    [InlineData(-3, SlaLevel.Overdue, 3)]
    public void The_countdown_is_green_above_30_days_amber_up_to_the_deadline_and_red_after(int daysLeft, SlaLevel level, int shownDays)
    {
        var now = new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);

        var state = SlaCountdownState.Of(now.AddDays(daysLeft), now);

        Assert.Equal(level, state.Level);
        Assert.Equal(shownDays, state.Days);
        Assert.Equal(SlaLevel.None, SlaCountdownState.Of(null, now).Level);
    }

    /// <summary>
    /// Types into the queue's search box and waits for <paramref name="assertion"/>. MudBlazor debounces typing on the
    /// injected clock, here a fake one: it is moved on until the debounce has fired (its timer may start after the event).
    /// </summary>
    private void Search(IRenderedComponent<ReviewQueue> page, string text, Action assertion)
    {
        page.Find("[data-testid=queue-mine] input[data-testid=queue-search], [data-testid=queue-mine] [data-testid=queue-search] input").Input(text);
        for (var attempt = 1; ; attempt++)
        {
            _portal.Store.Time.Advance(TimeSpan.FromSeconds(1));
            try
            {
                page.WaitForAssertion(assertion, TimeSpan.FromSeconds(3));
                return;
            }
            catch (Bunit.Extensions.WaitForHelpers.WaitForFailedException) when (attempt < 8)
            {
                // Not yet: move the clock again.
            }
        }
    }

    /// <summary>Clicks a radio button (MudBlazor puts the test id on the input or on its label).</summary>
    private static Task ChooseAsync(IRenderedComponent<ReviewPage> page, string testId)
    {
        var element = page.Find($"[data-testid='{testId}']");
        var input = element.LocalName == "input" ? element : element.QuerySelector("input") ?? throw new InvalidOperationException($"{testId} has no input.");
        return input.ClickAsync(new MouseEventArgs());
    }
}
