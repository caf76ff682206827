using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Tests.Support;

namespace Gatekeeper.Domain.Tests.Applications;

/// <summary>Every person who will work with the data is named, reachable and listed once.</summary>
public sealed class TeamRuleTests
{
    [Theory]
    [InlineData("sato@u-tokyo-hosp.example")]
    [InlineData("first.last+study@med.example.ac.jp")]
    [InlineData("  padded@u-tokyo-hosp.example  ")]
    public void A_well_formed_email_address_is_accepted(string email)
    {
        ExpectErrors.None(Drafts.CheckSubmission(Drafts.Complete().WithFirstMember(m => m with { Email = email })));
    }

    [Theory]
    [InlineData("sato")]
    [InlineData("sato@")]
    [InlineData("@u-tokyo-hosp.example")]
    [InlineData("sato@localhost")]
    [InlineData("Hanako Sato <sato@u-tokyo-hosp.example>")]
    [InlineData("sato@u-tokyo hosp.example")]
    public void A_malformed_email_address_is_refused(string email)
    {
        var error = ExpectErrors.Has(Drafts.CheckSubmission(Drafts.Complete().WithFirstMember(m => m with { Email = email })), "team[0].email", "email");

        Assert.Equal(email, error.Args["value"]);
    }

    [Fact]
    public void The_same_person_listed_twice_is_refused_on_the_second_entry()
    {
        var content = Drafts.Complete() with
        {
            Team = [.. Drafts.Complete().Team, Drafts.Complete().Team[0] with { Name = "H. Sato" }],
        };

        ExpectErrors.HasOnly(Drafts.CheckSubmission(content), "team[2].email", "duplicate");
    }

    [Fact]
    public void Duplicate_email_addresses_are_found_whatever_their_case_and_padding()
    {
        var content = Drafts.Complete() with
        {
            Team = [.. Drafts.Complete().Team, Drafts.Complete().Team[0] with { Email = " SATO@U-Tokyo-Hosp.Example " }],
        };

        ExpectErrors.Has(Drafts.CheckSubmission(content), "team[2].email", "duplicate");
    }

    [Fact]
    public void A_team_member_without_a_project_role_is_accepted()
    {
        ExpectErrors.None(Drafts.CheckSubmission(Drafts.Complete().WithFirstMember(m => m with { ProjectRole = "" })));
    }
}
