namespace Gatekeeper.Domain.Reviews;

/// <summary>Stable codes of <see cref="ReviewDecision"/>, as workflow definitions, letters and the API write them.</summary>
public static class ReviewDecisions
{
    public static string Code(ReviewDecision decision) => decision switch
    {
        ReviewDecision.Approve => "approve",
        ReviewDecision.ApproveWithConditions => "approve-with-conditions",
        ReviewDecision.ReviseAndResubmit => "revise-and-resubmit",
        ReviewDecision.Reject => "reject",
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, null),
    };

    public static bool TryParse(string? code, out ReviewDecision decision)
    {
        foreach (var d in Enum.GetValues<ReviewDecision>())
        {
            if (!string.Equals(Code(d), code, StringComparison.Ordinal)) continue;
            decision = d;
            return true;
        }

        decision = default;
        return false;
    }

    /// <summary>Approvals issue a data permit.</summary>
    public static bool IsApproval(ReviewDecision decision) => decision is ReviewDecision.Approve or ReviewDecision.ApproveWithConditions;
}
