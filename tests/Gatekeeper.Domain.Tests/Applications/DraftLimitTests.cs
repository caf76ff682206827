using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Tests.Support;

namespace Gatekeeper.Domain.Tests.Applications;

/// <summary>Drafts may be incomplete, but every field must fit its limit.</summary>
public sealed class DraftLimitTests
{
    [Fact]
    public void An_empty_draft_is_valid_so_work_in_progress_can_be_saved()
    {
        ExpectErrors.None(ApplicationRules.ValidateDraft(new ApplicationContent()));
    }

    [Fact]
    public void A_complete_application_is_a_valid_draft()
    {
        ExpectErrors.None(ApplicationRules.ValidateDraft(Drafts.Complete()));
    }

    [Theory]
    [MemberData(nameof(ContentFields.Paths), MemberType = typeof(ContentFields))]
    public void A_field_at_its_limit_is_accepted(string path)
    {
        var field = ContentFields.Named(path);
        var content = field.Set(Drafts.Complete(), new string('x', field.MaxLength));

        ExpectErrors.NoneOn(ApplicationRules.ValidateDraft(content), path);
    }

    [Theory]
    [MemberData(nameof(ContentFields.Paths), MemberType = typeof(ContentFields))]
    public void A_field_one_character_over_its_limit_is_refused_naming_the_field_and_the_limit(string path)
    {
        var field = ContentFields.Named(path);
        var content = field.Set(Drafts.Complete(), new string('x', field.MaxLength + 1));

        var error = ExpectErrors.Has(ApplicationRules.ValidateDraft(content), path, "max-length");
        Assert.Equal(field.MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Args["max"]);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_team_members_than_the_limit_are_refused()
    {
        var member = Drafts.Complete().Team[0];
        var content = new ApplicationContent
        {
            Team = Enumerable.Range(0, ApplicationLimits.TeamMembers + 1).Select(i => member with { Email = $"m{i}@u-tokyo-hosp.example" }).ToList(),
        };

        ExpectErrors.Has(ApplicationRules.ValidateDraft(content), "team", "max-count");
    }

    [Fact]
    public void Exactly_the_maximum_number_of_team_members_is_accepted()
    {
        var member = Drafts.Complete().Team[0];
        var content = new ApplicationContent
        {
            Team = Enumerable.Range(0, ApplicationLimits.TeamMembers).Select(i => member with { Email = $"m{i}@u-tokyo-hosp.example" }).ToList(),
        };

        ExpectErrors.None(ApplicationRules.ValidateDraft(content));
    }

    [Fact]
    public void More_datasets_than_the_limit_are_refused()
    {
        var content = new ApplicationContent
        {
            Datasets = Enumerable.Range(0, ApplicationLimits.Datasets + 1).Select(i => new DatasetRequest { DatasetId = $"d{i}" }).ToList(),
        };

        ExpectErrors.Has(ApplicationRules.ValidateDraft(content), "datasets", "max-count");
    }

    [Fact]
    public void More_variables_per_dataset_than_the_limit_are_refused()
    {
        var content = new ApplicationContent
        {
            Datasets =
            [
                new DatasetRequest
                {
                    DatasetId = "dpp",
                    Variables = Enumerable.Range(0, ApplicationLimits.VariablesPerDataset + 1)
                        .Select(i => new VariableRequest { Table = "t", Name = $"v{i}", Justification = "Needed for the analysis." }).ToList(),
                },
            ],
        };

        ExpectErrors.Has(ApplicationRules.ValidateDraft(content), "datasets[0].variables", "max-count");
    }

    [Fact]
    public void Starting_a_draft_over_a_limit_is_refused_and_creates_nothing()
    {
        var result = SecondaryUseApplication.StartDraft(Gatekeeper.Testing.TestActors.Sato, "GK-2026-TEST01",
            new ApplicationContent { Title = new string('x', ApplicationLimits.Title + 1) }, World.Now);

        Assert.False(result.Succeeded);
        Assert.Null(result.Value);
        ExpectErrors.HasOnly(result.Errors, "title", "max-length");
    }
}
