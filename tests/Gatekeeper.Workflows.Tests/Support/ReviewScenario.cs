using Gatekeeper.Data.Applications;
using Gatekeeper.Data.Workflows;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Organisations;
using Gatekeeper.Domain.Reviews;
using Gatekeeper.Testing;
using Gatekeeper.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Workflows.Tests.Support;

/// <summary>Drives the review of applications through the product's services, as the portal will.</summary>
public sealed class ReviewScenario(WorkflowHost host)
{
    private static CancellationToken None => CancellationToken.None;

    public ReviewWorkflowService Reviews => host.Reviews;

    public DateOnly Today => DateOnly.FromDateTime(host.Get<TimeProvider>().GetUtcNow().UtcDateTime);

    /// <summary>Creates and submits an application of <paramref name="applicant"/> (a complete sample, optionally changed), and starts its review.</summary>
    public async Task<SecondaryUseApplication> SubmitAsync(Actor applicant, Func<ApplicationContent, ApplicationContent>? change = null, bool startReview = true)
    {
        var applications = host.Get<ApplicationService>();
        var content = SampleContent.Complete(Today, applicant.Email);
        var draft = Ok(await applications.CreateDraftAsync(applicant, change is null ? content : change(content), None));
        var submitted = Ok(await applications.SubmitAsync(applicant, draft.Id, draft.ConcurrencyStamp, None));
        if (startReview) Ok(await Reviews.StartReviewAsync(submitted.Id, applicant, None));
        return submitted;
    }

    /// <summary>Creates and submits a revision of a submitted application, and starts its review.</summary>
    public async Task<SecondaryUseApplication> ReviseAsync(Actor applicant, Guid applicationId, Func<ApplicationContent, ApplicationContent> change)
    {
        var applications = host.Get<ApplicationService>();
        var revision = Ok(await applications.CreateRevisionAsync(applicant, applicationId, None));
        var saved = Ok(await applications.SaveDraftAsync(applicant, revision.Id, change(revision.Content), revision.ConcurrencyStamp, None));
        var submitted = Ok(await applications.SubmitAsync(applicant, saved.Id, saved.ConcurrencyStamp, None));
        Ok(await Reviews.StartReviewAsync(submitted.Id, applicant, None));
        return submitted;
    }

    public async Task<WorkflowInstance> InstanceAsync(Guid applicationId)
    {
        await using var db = await host.DbAsync();
        return await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.SubjectId == applicationId && i.DefinitionId == ReviewWorkflowService.DefinitionId);
    }

    public async Task<List<WorkflowTask>> TasksAsync(Guid applicationId, WorkflowTaskStatus? status = WorkflowTaskStatus.Open)
    {
        await using var db = await host.DbAsync();
        return await db.WorkflowTasks.AsNoTracking()
            .Where(t => t.ApplicationId == applicationId && (status == null || t.Status == status))
            .OrderBy(t => t.Visit).ThenBy(t => t.Slot).ToListAsync();
    }

    public async Task<WorkflowTask> TaskOfAsync(Guid applicationId, string userId) =>
        Assert.Single(await TasksAsync(applicationId), t => t.AssigneeId == userId);

    public async Task ScreenAsync(Guid applicationId) =>
        Ok(await Reviews.ActAsync(TestActors.Steward, (await TaskOfAsync(applicationId, "steward-ito")).Id, new ReviewAction { Action = "accept" }, None));

    public async Task<Review> VoteAsync(Guid applicationId, Actor reviewer, ReviewDecision recommendation, string? comments = null) =>
        Ok(await Reviews.VoteAsync(reviewer, (await TaskOfAsync(applicationId, reviewer.UserId)).Id, new ReviewSubmission
        {
            Recommendation = recommendation,
            Checklist = Checklists.AllSatisfied,
            Comments = comments ?? (recommendation == ReviewDecision.Approve ? null : "See the checklist."),
            Conditions = recommendation == ReviewDecision.ApproveWithConditions ? ["Aggregate outputs only."] : [],
        }, None));

    public async Task<Gatekeeper.Domain.Common.DomainResult<WorkflowInstance>> ChairAsync(Guid applicationId, ReviewAction action) =>
        await Reviews.ActAsync(TestActors.Chair, (await TaskOfAsync(applicationId, "chair-nakamura")).Id, action, None);

    /// <summary>Low-risk path up to the chair: screened, the single reviewer approved.</summary>
    public async Task<string> UpToChairAsync(Guid applicationId)
    {
        await ScreenAsync(applicationId);
        var reviewer = Assert.Single(await TasksAsync(applicationId)).AssigneeId!;
        await VoteAsync(applicationId, TestActors.For(reviewer), ReviewDecision.Approve);
        return reviewer;
    }

    public async Task<SecondaryUseApplication> ApplicationAsync(Guid id)
    {
        await using var db = await host.DbAsync();
        return await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    /// <summary>Adds a person to the directory (e.g. a reviewer of the applicant's own organisation).</summary>
    public async Task<Actor> AddPersonAsync(string id, string organisationId, params string[] roles)
    {
        await using var db = await host.DbAsync();
        var profile = new UserProfile { Id = id, DisplayName = $"Test {id}", Email = $"{id}@example.org", OrganisationId = organisationId, Roles = [.. roles] };
        db.UserProfiles.Add(profile);
        await db.SaveChangesAsync();
        return new Actor(profile.Id, profile.DisplayName, profile.Email, profile.OrganisationId, profile.Roles.ToHashSet());
    }

    public static T Ok<T>(Gatekeeper.Domain.Common.DomainResult<T> result)
    {
        Assert.True(result.Succeeded, $"Expected success: {string.Join("; ", result.Errors.Select(e => $"{e.Field} [{e.Rule}] {e.Message}"))}");
        return result.Value!;
    }

    public static void Ok(Gatekeeper.Domain.Common.DomainResult result) => Assert.True(result.Succeeded, $"Expected success: {result}");

    public static void Refused(Gatekeeper.Domain.Common.DomainResult result, string rule)
    {
        Assert.False(result.Succeeded, $"Expected '{rule}', but it succeeded.");
        Assert.Contains(result.Errors, e => e.Rule == rule);
    }

    public static void Refused<T>(Gatekeeper.Domain.Common.DomainResult<T> result, string rule)
    {
        Assert.False(result.Succeeded, $"Expected '{rule}', but it succeeded.");
        Assert.Contains(result.Errors, e => e.Rule == rule);
    }
}
