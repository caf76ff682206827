namespace Gatekeeper.Domain.Outputs;

/// <summary>
/// Where a release request is, after OpenSAFELY's airlock: the researcher prepares it (<see cref="Pending"/>), submits
/// it, two independent output checkers review it (<see cref="PartiallyReviewed"/> after the first, <see cref="Reviewed"/>
/// after both), one of them consolidates (<see cref="Approved"/>, <see cref="Returned"/> to the researcher, or
/// <see cref="Rejected"/>), and an approved request becomes a package the researcher downloads (<see cref="Released"/>).
/// </summary>
public static class ReleaseStatuses
{
    public const string Pending = "pending";
    public const string Submitted = "submitted";
    public const string PartiallyReviewed = "partially-reviewed";
    public const string Reviewed = "reviewed";
    public const string Approved = "approved";
    public const string Returned = "returned";
    public const string Rejected = "rejected";
    public const string Released = "released";
    public const string Withdrawn = "withdrawn";

    public static IReadOnlyList<string> All { get; } = [Pending, Submitted, PartiallyReviewed, Reviewed, Approved, Returned, Rejected, Released, Withdrawn];

    /// <summary>States in which the output checkers are at work (the researcher cannot change the request).</summary>
    public static bool IsUnderReview(string status) => status is Submitted or PartiallyReviewed or Reviewed;

    /// <summary>States the researcher can edit: the draft and a request returned for changes.</summary>
    public static bool IsEditable(string status) => status is Pending or Returned;

    public static bool IsFinal(string status) => status is Rejected or Released or Withdrawn;
}
