namespace Gatekeeper.Audit;

/// <summary>Values of the <see cref="AuditDetailKeys.Decision"/> detail of <see cref="AuditActions.ReviewDecision"/>.</summary>
public static class ReviewDecisionCodes
{
    public const string Approved = "approved";
    public const string ApprovedWithConditions = "approved-with-conditions";
    public const string Rejected = "rejected";

    /// <summary>Sent back to the applicant for changes; not final (the review lead time keeps running).</summary>
    public const string Returned = "returned";

    /// <summary>The decisions that end a review (and stop the lead-time clock).</summary>
    public static IReadOnlySet<string> Final { get; } = new HashSet<string>(StringComparer.Ordinal) { Approved, ApprovedWithConditions, Rejected };
}
