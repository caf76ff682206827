using Gatekeeper.Data;
using Gatekeeper.Data.Permits;
using Gatekeeper.Data.Workflows;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Reviews;
using Gatekeeper.Testing;
using Gatekeeper.Web.Components.Pages.Reviews;
using Gatekeeper.Workflows.Definitions;
using Gatekeeper.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Web.Tests;

/// <summary>
/// A portal context with the review services the review pages use, and shortcuts that drive an application
/// through its review with the product's own services (submit, screen, assign, vote, decide).
/// </summary>
internal static class ReviewsPortal
{
    private static readonly CancellationToken None = CancellationToken.None;

    public static async Task<PortalContext> CreateAsync(string userId, string culture = "en")
    {
        var portal = await PortalContext.CreateAsync(userId, culture);
        var services = portal.Bunit.Services;
        services.AddSingleton(portal.Store.Get<ReviewQueueService>());
        services.AddSingleton(portal.Store.Get<WorkflowCatalog>());
        services.AddSingleton(portal.Store.Get<PermitService>());
        services.AddSingleton(portal.Store.Get<IOptions<WorkflowOptions>>());
        services.AddSingleton(new ReviewDeadlineLookup(portal.Store.Get<IDbContextFactory<GatekeeperDbContext>>()));
        return portal;
    }

    public static ElsiChecklist AllSatisfied => new()
    {
        LegalBasis = new(ChecklistRating.Satisfied), ConsentStatus = new(ChecklistRating.Satisfied), Proportionality = new(ChecklistRating.Satisfied),
        PublicBenefit = new(ChecklistRating.Satisfied), ReidentificationRisk = new(ChecklistRating.Satisfied), CommercialAspects = new(ChecklistRating.NotApplicable),
    };

    /// <summary>Submits a complete application of <paramref name="applicant"/> and starts its review, as the portal's submission does.</summary>
    public static async Task<SecondaryUseApplication> SubmitAsync(this PortalContext portal, Actor applicant, string title)
    {
        var today = DateOnly.FromDateTime(portal.Store.Time.GetUtcNow().UtcDateTime);
        var draft = await portal.Applications.CreateDraftAsync(applicant, SampleContent.Complete(today, applicant.Email) with { Title = title }, None);
        Assert.True(draft.Succeeded, string.Join("; ", draft.Errors));
        var submission = new Reviews.ApplicationSubmission(portal.Applications, Workflow(portal), NullLogger<Reviews.ApplicationSubmission>.Instance);
        var submitted = await submission.SubmitAsync(applicant, draft.Value!.Id, draft.Value.ConcurrencyStamp, None);
        Assert.True(submitted.Succeeded, string.Join("; ", submitted.Errors));
        return submitted.Value!;
    }

    public static async Task<IReadOnlyList<WorkflowTask>> OpenTasksAsync(this PortalContext portal, Guid applicationId)
    {
        await using var db = await portal.Store.DbAsync();
        return await db.WorkflowTasks.AsNoTracking().Where(t => t.ApplicationId == applicationId && t.Status == WorkflowTaskStatus.Open).OrderBy(t => t.Slot).ToListAsync();
    }

    /// <summary>The data steward accepts the application for ELSI review.</summary>
    public static async Task ScreenAsync(this PortalContext portal, Guid applicationId)
    {
        var task = Assert.Single(await portal.OpenTasksAsync(applicationId));
        Assert.Equal("screening", task.State);
        AssertOk(await Workflow(portal).ActAsync(TestActors.Steward, task.Id, new ReviewAction { Action = "accept" }, None));
    }

    /// <summary>The chair gives the (single) review task to <paramref name="reviewerId"/>, whoever the least-loaded rule picked.</summary>
    public static async Task<WorkflowTask> AssignReviewAsync(this PortalContext portal, Guid applicationId, string reviewerId)
    {
        var task = (await portal.OpenTasksAsync(applicationId)).First(t => t.Role == Roles.ElsiReviewer);
        var assigned = Assert.Single(await Workflow(portal).AssignAsync(TestActors.Chair, [task.Id], reviewerId, None));
        Assert.True(assigned.Result.Succeeded, assigned.Result.ToString());
        return task;
    }

    /// <summary>Every open review task of the application is answered with an approval.</summary>
    public static async Task ApproveVotesAsync(this PortalContext portal, Guid applicationId)
    {
        foreach (var task in (await portal.OpenTasksAsync(applicationId)).Where(t => t.Role == Roles.ElsiReviewer && t.AssigneeId is not null))
        {
            AssertOk(await Workflow(portal).VoteAsync(TestActors.For(task.AssigneeId!), task.Id,
                new ReviewSubmission { Recommendation = ReviewDecision.Approve, Checklist = AllSatisfied, Comments = "Proportionate and well justified." }, None));
        }
    }

    public static async Task DecideAsync(this PortalContext portal, Guid applicationId, ReviewAction action)
    {
        var task = (await portal.OpenTasksAsync(applicationId)).Single(t => t.State == "chair_decision");
        AssertOk(await Workflow(portal).ActAsync(TestActors.Chair, task.Id, action, None));
    }

    private static ReviewWorkflowService Workflow(PortalContext portal) => portal.Store.Get<ReviewWorkflowService>();

    private static void AssertOk<T>(DomainResult<T> result) => Assert.True(result.Succeeded, string.Join("; ", result.Errors));
}
