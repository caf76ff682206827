using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Common;

namespace Gatekeeper.Domain.Reviews;

/// <summary>The board's decision on one application version, with its reasons and conditions; an approval names its permit.</summary>
public sealed class ApplicationDecision
{
    private ApplicationDecision()
    {
    }

    public Guid Id { get; private set; }

    public Guid ApplicationId { get; private set; }

    public Guid LineageId { get; private set; }

    public Guid InstanceId { get; private set; }

    public ReviewDecision Decision { get; private set; }

    public string Reason { get; private set; } = "";

    public List<string> Conditions { get; private set; } = [];

    public string DecidedById { get; private set; } = "";

    public string DecidedByName { get; private set; } = "";

    public DateTimeOffset DecidedAt { get; private set; }

    public Guid? PermitId { get; private set; }

    public static DomainResult<ApplicationDecision> Record(
        Actor chair, SecondaryUseApplication application, Guid instanceId, ReviewDecision decision, string? reason,
        IReadOnlyList<string>? conditions, DateTimeOffset now)
    {
        var errors = new List<ValidationError>();
        var text = reason?.Trim() ?? "";
        var list = (conditions ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
        if (text.Length == 0) errors.Add(ValidationError.Create("reason", "required", "A decision needs a reason."));
        if (text.Length > ReviewLimits.Reason)
            errors.Add(ValidationError.Create("reason", "max-length", $"The reason may be at most {ReviewLimits.Reason} characters.", ("max", ReviewLimits.Reason)));
        if (decision == ReviewDecision.ApproveWithConditions && list.Count == 0)
            errors.Add(ValidationError.Create("conditions", "required", "Name the conditions of the approval."));
        if (decision != ReviewDecision.ApproveWithConditions && list.Count > 0)
            errors.Add(ValidationError.Create("conditions", "not-allowed", "Only an approval with conditions has conditions."));
        errors.AddRange(Review.ConditionErrors(list));
        if (errors.Count > 0) return DomainResult<ApplicationDecision>.Fail(errors);

        return new ApplicationDecision
        {
            Id = Guid.NewGuid(), ApplicationId = application.Id, LineageId = application.LineageId, InstanceId = instanceId,
            Decision = decision, Reason = text, Conditions = list, DecidedById = chair.UserId, DecidedByName = chair.DisplayName, DecidedAt = now,
        };
    }

    public void AttachPermit(Guid permitId)
    {
        if (!ReviewDecisions.IsApproval(Decision)) throw new InvalidOperationException("Only an approval issues a permit.");
        PermitId = permitId;
    }
}
