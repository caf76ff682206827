using Gatekeeper.Data.Applications;
using Gatekeeper.Data.Workflows;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Common;

namespace Gatekeeper.Web.Reviews;

/// <summary>
/// Submitting an application starts its review at once. Should the process stop between the two steps,
/// the workflow service's sweep starts the review of any submitted application without one.
/// </summary>
public sealed class ApplicationSubmission(ApplicationService applications, ReviewWorkflowService reviews, ILogger<ApplicationSubmission> logger)
{
    public async Task<DomainResult<SecondaryUseApplication>> SubmitAsync(Actor actor, Guid id, Guid expectedStamp, CancellationToken cancellationToken)
    {
        var result = await applications.SubmitAsync(actor, id, expectedStamp, cancellationToken);
        if (!result.Succeeded) return result;
        var review = await reviews.StartReviewAsync(result.Value!.Id, actor, cancellationToken);
        if (!review.Succeeded)
            logger.LogWarning("Review of {ApplicationId} not started at submission ({Reason}); the workflow sweep retries", id, review.ToString());
        return result;
    }
}
