using Gatekeeper.Domain.Applications;

namespace Gatekeeper.Domain.Common;

/// <summary>
/// Nobody reviews, decides, output-checks or audits an application of their own organisation or one
/// they are applicant or team member of. One rule, used by every such duty.
/// </summary>
public static class SeparationOfDuties
{
    /// <summary>Why <paramref name="actor"/> must not act on <paramref name="application"/>; null when they may.</summary>
    public static string? Conflict(Actor actor, SecondaryUseApplication application)
    {
        if (actor.UserId == application.ApplicantId) return "applicant";
        if (application.IsTeamMember(actor.Email)) return "team-member";
        if (actor.OrganisationId == application.OrganisationId) return "same-organisation";
        return null;
    }
}
