using Gatekeeper.Data.Workflows;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Testing;
using Gatekeeper.Workflows.Tests.Support;

namespace Gatekeeper.Workflows.Tests.Store;

/// <summary>The review queue's data: rights in the query, filters, sorting and server-side paging.</summary>
public sealed class QueueTests : IAsyncLifetime
{
    private static CancellationToken None => CancellationToken.None;

    private TestStore _store = null!;
    private WorkflowHost _host = null!;
    private readonly List<SecondaryUseApplication> _low = [];
    private readonly List<SecondaryUseApplication> _high = [];

    private ReviewQueueService Queue => _host.Get<ReviewQueueService>();

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(Data.DatabaseProvider.Sqlite);
        _host = WorkflowHost.Over(_store);
        var scenario = new ReviewScenario(_host);
        for (var i = 0; i < 5; i++)
        {
            _low.Add(await scenario.SubmitAsync(TestActors.Sato, c => c with { Title = $"Low risk study {i}" }));
            _store.Time.Advance(TimeSpan.FromDays(1));
        }

        for (var i = 0; i < 2; i++)
        {
            _high.Add(await scenario.SubmitAsync(TestActors.Suzuki, c => c with { Title = $"Pseudonymised cohort {i}", RequestedTier = OutputTier.PseudonymisedMicrodata }));
            await scenario.ScreenAsync(_high[^1].Id);
        }

        await scenario.ScreenAsync(_low[0].Id);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task My_tasks_are_the_open_tasks_assigned_to_me_sorted_by_deadline()
    {
        var page = await Queue.QueryAsync(TestActors.Steward, new ReviewQueueQuery(), None);

        Assert.Equal(4, page.Total);
        Assert.All(page.Items, i => Assert.Equal(("steward-ito", "screening"), (i.AssigneeId, i.State)));
        Assert.Equal(_low.Skip(1).Select(a => a.Reference), page.Items.Select(i => i.Reference));
        Assert.Equal(page.Items.Select(i => i.DeadlineAt).Order(), page.Items.Select(i => i.DeadlineAt));
        Assert.All(page.Items, i => Assert.Equal("low", i.RiskLevel));
    }

    [Fact]
    public async Task Team_tasks_are_those_of_my_roles_and_the_chair_sees_every_review_task_to_assign_them()
    {
        var reviewer = await Queue.QueryAsync(TestActors.For("reviewer-watanabe"), new ReviewQueueQuery { Scope = ReviewQueueScope.Team, PageSize = 100 }, None);
        var chair = await Queue.QueryAsync(TestActors.Chair, new ReviewQueueQuery { Scope = ReviewQueueScope.Team, PageSize = 100 }, None);

        Assert.All(reviewer.Items, i => Assert.Equal("elsi-reviewer", i.Role));
        Assert.Equal(7, reviewer.Total);
        Assert.Contains(reviewer.Items, i => i.AssigneeId == "reviewer-yamamoto");
        Assert.Contains(reviewer.Items, i => i.AssigneeId is null);
        Assert.Equal(reviewer.Total + 4, chair.Total);
        Assert.Contains(chair.Items, i => i.Role == "data-steward");
    }

    [Fact]
    public async Task A_researcher_sees_no_tasks_and_nobody_sees_tasks_of_their_own_organisation()
    {
        Assert.Equal(0, (await Queue.QueryAsync(TestActors.Sato, new ReviewQueueQuery { Scope = ReviewQueueScope.Team }, None)).Total);
        var colleague = await new ReviewScenario(_host).AddPersonAsync("steward-medinfra", "medinfra-certified", Gatekeeper.Domain.Common.Roles.DataSteward, Gatekeeper.Domain.Common.Roles.ElsiReviewer);

        var page = await Queue.QueryAsync(colleague, new ReviewQueueQuery { Scope = ReviewQueueScope.Team, PageSize = 100 }, None);

        Assert.NotEmpty(page.Items);
        Assert.DoesNotContain(page.Items, i => _high.Any(h => h.Id == i.ApplicationId));
    }

    [Fact]
    public async Task Filters_by_state_risk_deadline_assignment_and_text_combine()
    {
        var chair = TestActors.Chair;
        var team = new ReviewQueueQuery { Scope = ReviewQueueScope.Team, PageSize = 100 };

        var panel = await Queue.QueryAsync(chair, team with { States = ["panel_review"] }, None);
        Assert.Equal(6, panel.Total);
        Assert.All(panel.Items, i => Assert.Equal("high", i.RiskLevel));
        Assert.Equal(6, (await Queue.QueryAsync(chair, team with { RiskLevel = "high" }, None)).Total);
        Assert.Equal(2, (await Queue.QueryAsync(chair, team with { UnassignedOnly = true }, None)).Total);
        Assert.Equal(3, (await Queue.QueryAsync(chair, team with { Search = "Pseudonymised cohort 1" }, None)).Total);
        Assert.Single((await Queue.QueryAsync(chair, team with { Search = _low[2].Reference }, None)).Items);
        var firstDeadline = _low[0].SubmittedAt!.Value.AddMonths(3);
        Assert.Equal(2, (await Queue.QueryAsync(chair, team with { DeadlineBefore = firstDeadline.AddDays(1).AddSeconds(1), States = ["screening", "single_review"] }, None)).Total);
        Assert.Equal(0, (await Queue.QueryAsync(chair, team with { OverdueOnly = true }, None)).Total);
    }

    [Fact]
    public async Task Pages_are_cut_on_the_server_in_a_stable_order()
    {
        var query = new ReviewQueueQuery { Scope = ReviewQueueScope.Team, PageSize = 4, Sort = ReviewQueueSort.Reference, Descending = true };
        var chair = TestActors.Chair;

        var first = await Queue.QueryAsync(chair, query, None);
        var second = await Queue.QueryAsync(chair, query with { Page = 2 }, None);
        var third = await Queue.QueryAsync(chair, query with { Page = 3 }, None);
        var all = await Queue.QueryAsync(chair, query with { PageSize = 1000 }, None);

        Assert.Equal((11, 4, 4, 3), (first.Total, first.Items.Count, second.Items.Count, third.Items.Count));
        Assert.Equal(100, all.PageSize);
        Assert.Equal(all.Items.Select(i => i.TaskId), first.Items.Concat(second.Items).Concat(third.Items).Select(i => i.TaskId));
        Assert.Equal(all.Items.Select(i => i.Reference).OrderDescending(StringComparer.Ordinal), all.Items.Select(i => i.Reference));
        var risk = await Queue.QueryAsync(chair, query with { Sort = ReviewQueueSort.Risk, Descending = false, PageSize = 100 }, None);
        Assert.Equal("high", risk.Items[0].RiskLevel);
    }
}
