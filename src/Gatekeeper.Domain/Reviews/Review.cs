using Gatekeeper.Domain.Common;

namespace Gatekeeper.Domain.Reviews;

/// <summary>One reviewer's review of one application version: the checklist, the recommendation (the vote) and comments.</summary>
public sealed class Review
{
    private Review()
    {
    }

    public Guid Id { get; private set; }

    public Guid ApplicationId { get; private set; }

    public Guid InstanceId { get; private set; }

    /// <summary>The workflow task the review completed (one review per task).</summary>
    public Guid TaskId { get; private set; }

    public string ReviewerId { get; private set; } = "";

    public string ReviewerName { get; private set; } = "";

    public ReviewDecision Recommendation { get; private set; }

    public ElsiChecklist Checklist { get; private set; } = new();

    public string Comments { get; private set; } = "";

    public List<string> ProposedConditions { get; private set; } = [];

    public DateTimeOffset SubmittedAt { get; private set; }

    public static DomainResult<Review> Submit(
        Actor reviewer, Guid applicationId, Guid instanceId, Guid taskId, ReviewDecision recommendation,
        ElsiChecklist checklist, string? comments, IReadOnlyList<string>? conditions, DateTimeOffset now)
    {
        var errors = new List<ValidationError>(checklist.Validate());
        var text = comments?.Trim() ?? "";
        var proposed = (conditions ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
        if (text.Length > ReviewLimits.Comments)
            errors.Add(ValidationError.Create("comments", "max-length", $"Comments may be at most {ReviewLimits.Comments} characters.", ("max", ReviewLimits.Comments)));
        if (recommendation != ReviewDecision.Approve && text.Length == 0)
            errors.Add(ValidationError.Create("comments", "required", "Explain a recommendation other than approval."));
        if (recommendation == ReviewDecision.ApproveWithConditions && proposed.Count == 0)
            errors.Add(ValidationError.Create("conditions", "required", "Name the conditions of the approval."));
        errors.AddRange(ConditionErrors(proposed));
        if (errors.Count > 0) return DomainResult<Review>.Fail(errors);

        return new Review
        {
            Id = Guid.NewGuid(), ApplicationId = applicationId, InstanceId = instanceId, TaskId = taskId,
            ReviewerId = reviewer.UserId, ReviewerName = reviewer.DisplayName, Recommendation = recommendation,
            Checklist = checklist, Comments = text, ProposedConditions = proposed, SubmittedAt = now,
        };
    }

    internal static IEnumerable<ValidationError> ConditionErrors(IReadOnlyList<string> conditions)
    {
        if (conditions.Count > ReviewLimits.Conditions)
            yield return ValidationError.Create("conditions", "max-count", $"At most {ReviewLimits.Conditions} conditions.", ("max", ReviewLimits.Conditions));
        for (var i = 0; i < conditions.Count; i++)
        {
            if (conditions[i].Length > ReviewLimits.Condition)
                yield return ValidationError.Create($"conditions[{i}]", "max-length", $"A condition may be at most {ReviewLimits.Condition} characters.", ("max", ReviewLimits.Condition));
        }
    }
}
