using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Common;

namespace Gatekeeper.Domain.Tests;

public sealed class SeparationOfDutiesTests
{
    private static readonly Actor Applicant = new("researcher-sato", "Sato", "sato@u-tokyo-hosp.example", "univ-tokyo-hosp", new HashSet<string> { Roles.Researcher });

    private static SecondaryUseApplication Application() =>
        SecondaryUseApplication.StartDraft(Applicant, "GK-TEST-0001", new ApplicationContent
        {
            Title = "t",
            Team = [new TeamMember { Name = "Member", Email = "member@elsewhere.example", Organisation = "Elsewhere" }],
        }, DateTimeOffset.UnixEpoch).Value!;

    [Theory]
    [InlineData("researcher-sato", "other@x.example", "other-org", "applicant")]
    [InlineData("someone", "MEMBER@elsewhere.example", "elsi-board", "team-member")]
    [InlineData("someone", "colleague@u-tokyo-hosp.example", "univ-tokyo-hosp", "same-organisation")]
    public void Applicants_team_members_and_colleagues_conflict(string userId, string email, string organisation, string expected)
    {
        var actor = new Actor(userId, "x", email, organisation, new HashSet<string> { Roles.ElsiReviewer });
        Assert.Equal(expected, SeparationOfDuties.Conflict(actor, Application()));
    }

    [Fact]
    public void An_independent_reviewer_has_no_conflict()
    {
        var reviewer = new Actor("reviewer-watanabe", "Watanabe", "watanabe@elsi-board.example", "elsi-board", new HashSet<string> { Roles.ElsiReviewer });
        Assert.Null(SeparationOfDuties.Conflict(reviewer, Application()));
    }
}
