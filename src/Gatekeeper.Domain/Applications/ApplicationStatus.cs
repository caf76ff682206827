namespace Gatekeeper.Domain.Applications;

/// <summary>
/// Lifecycle of one application version. Review states between Submitted and the decision are
/// owned by the review workflow.
/// </summary>
public enum ApplicationStatus
{
    Draft,
    Submitted,
    Approved,
    Rejected,
    Withdrawn,

    /// <summary>A later version of the same application was submitted in its place.</summary>
    Superseded,
}
