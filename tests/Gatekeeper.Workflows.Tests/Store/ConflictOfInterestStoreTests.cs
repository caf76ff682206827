using Gatekeeper.Data.Workflows;
using Gatekeeper.Domain.Reviews;
using Gatekeeper.Testing;
using Gatekeeper.Workflows.Tests.Support;
using static Gatekeeper.Workflows.Tests.Support.ReviewScenario;

namespace Gatekeeper.Workflows.Tests.Store;

/// <summary>Separation of duties on the store: a person of the applicant's organisation is never given, shown or allowed the review.</summary>
public sealed class ConflictOfInterestStoreTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static CancellationToken None => CancellationToken.None;

    private WorkflowHost Host => fixture.Host;

    private ReviewScenario Scenario => new(Host);

    [Fact]
    public async Task Nobody_of_the_applicant_s_organisation_sees_or_acts_on_its_review()
    {
        var colleague = await Scenario.AddPersonAsync("chair-ut", "univ-tokyo-hosp", Gatekeeper.Domain.Common.Roles.ElsiChair, Gatekeeper.Domain.Common.Roles.ElsiReviewer);
        var app = await Scenario.SubmitAsync(TestActors.Sato);
        await Scenario.ScreenAsync(app.Id);

        Assert.DoesNotContain(await Scenario.TasksAsync(app.Id), t => t.AssigneeId == colleague.UserId);
        Assert.Null(await Scenario.Reviews.GetReviewForApplicationAsync(colleague, app.Id, None));
        Assert.Null(await Scenario.Reviews.GetReviewForApplicationAsync(TestActors.Sato, app.Id, None));
        var queue = await Host.Get<ReviewQueueService>().QueryAsync(colleague, new ReviewQueueQuery { Scope = ReviewQueueScope.Team, PageSize = 100 }, None);
        Assert.DoesNotContain(queue.Items, i => i.ApplicationId == app.Id);
        var task = Assert.Single(await Scenario.TasksAsync(app.Id));
        Refused(await Scenario.Reviews.VoteAsync(colleague, task.Id, new ReviewSubmission { Recommendation = ReviewDecision.Approve, Checklist = Checklists.AllSatisfied }, None),
            "not-assignee");
        var claimed = Assert.Single(await Scenario.Reviews.AssignAsync(TestActors.Chair, [task.Id], colleague.UserId, None));
        Assert.Contains(claimed.Result.Errors, e => e.Rule == "conflict-of-interest");
    }
}
