namespace Gatekeeper.Domain.Reviews;

/// <summary>What a review board decides on an application (and what a reviewer recommends).</summary>
public enum ReviewDecision
{
    Approve,
    ApproveWithConditions,
    ReviseAndResubmit,
    Reject,
}
