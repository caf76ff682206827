using Gatekeeper.Data.Seeding;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Catalogue;
using Gatekeeper.Domain.Tests.Support;

namespace Gatekeeper.Domain.Tests.Applications;

/// <summary>Data minimisation: only catalogue variables, never direct identifiers, each one justified.</summary>
public sealed class DatasetRuleTests
{
    public static TheoryData<string, string> DirectIdentifiers() =>
        TheoryRows.Of(DiabetesPreventionCatalogue.Create().Variables
            .Where(v => v.Sensitivity == VariableSensitivity.DirectIdentifier)
            .Select(v => (v.Table, v.Name)));

    public static TheoryData<string, string> RequestableVariables() =>
        TheoryRows.Of(DiabetesPreventionCatalogue.Create().Variables
            .Where(v => v.Sensitivity != VariableSensitivity.DirectIdentifier)
            .Select(v => (v.Table, v.Name)));

    [Fact]
    public void A_dataset_that_is_not_in_the_catalogue_is_refused()
    {
        var content = Drafts.Complete() with { Datasets = [Drafts.Complete().Datasets[0] with { DatasetId = "national-claims" }] };

        var error = ExpectErrors.Has(Drafts.CheckSubmission(content), "datasets[0].datasetId", "unknown-dataset");
        Assert.Equal("national-claims", error.Args["value"]);
    }

    [Fact]
    public void Dataset_ids_are_matched_exactly()
    {
        var content = Drafts.Complete() with { Datasets = [Drafts.Complete().Datasets[0] with { DatasetId = "DPP" }] };

        ExpectErrors.Has(Drafts.CheckSubmission(content), "datasets[0].datasetId", "unknown-dataset");
    }

    [Fact]
    public void The_same_dataset_listed_twice_is_refused()
    {
        var content = Drafts.Complete() with { Datasets = [Drafts.Complete().Datasets[0], Drafts.Complete().Datasets[0]] };

        ExpectErrors.Has(Drafts.CheckSubmission(content), "datasets[1].datasetId", "duplicate");
    }

    [Fact]
    public void A_dataset_without_variables_is_refused()
    {
        var content = Drafts.Complete() with { Datasets = [Drafts.Complete().Datasets[0] with { Variables = [] }] };

        ExpectErrors.HasOnly(Drafts.CheckSubmission(content), "datasets[0].variables", "required");
    }

    [Theory]
    [InlineData("hba1c", "glucose")]
    [InlineData("genome", "hba1c")]
    [InlineData("HBA1C", "hba1c")]
    [InlineData("hba1c", "HbA1c")]
    public void A_variable_that_is_not_in_the_dataset_is_refused(string table, string name)
    {
        var content = Drafts.Complete().WithExtraVariable(table, name);

        var error = ExpectErrors.Has(Drafts.CheckSubmission(content), "datasets[0].variables[3].name", "unknown-variable");
        Assert.Equal($"{table}.{name}", error.Args["value"]);
    }

    [Fact]
    public void The_same_variable_listed_twice_is_refused()
    {
        var content = Drafts.Complete().WithExtraVariable("activity", "step");

        ExpectErrors.HasOnly(Drafts.CheckSubmission(content), "datasets[0].variables[3].name", "duplicate");
    }

    [Fact]
    public void A_variable_of_the_same_name_in_another_table_is_a_different_variable()
    {
        var content = Drafts.Complete().WithExtraVariable("checkup_blood_pressure", "systolic")
            .WithExtraVariable("home_blood_pressure", "systolic");

        ExpectErrors.None(Drafts.CheckSubmission(content));
    }

    [Theory]
    [MemberData(nameof(DirectIdentifiers))]
    public void A_direct_identifier_is_never_granted(string table, string name)
    {
        var content = Drafts.Complete().WithExtraVariable(table, name);

        var error = ExpectErrors.Has(Drafts.CheckSubmission(content), "datasets[0].variables[3].name", "direct-identifier");
        Assert.Contains("pseudonym", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RequestableVariables))]
    public void Every_other_catalogue_variable_can_be_requested_with_a_justification(string table, string name)
    {
        var content = Drafts.Complete() with
        {
            Datasets =
            [
                new DatasetRequest
                {
                    DatasetId = DiabetesPreventionCatalogue.DatasetId,
                    Variables = [new VariableRequest { Table = table, Name = name, Justification = "Needed for the primary analysis." }],
                },
            ],
        };

        ExpectErrors.None(Drafts.CheckSubmission(content));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_variable_without_a_justification_is_refused(string justification)
    {
        var content = Drafts.Complete().WithFirstVariable(v => v with { Justification = justification });

        var error = ExpectErrors.Has(Drafts.CheckSubmission(content), "datasets[0].variables[0].justification", "justification-required");
        Assert.Equal("participants.consortium_id", error.Args["value"]);
    }

    [Theory]
    [InlineData("Needed")]
    [InlineData("123456789")]
    [InlineData("  short    ")]
    public void A_justification_shorter_than_the_minimum_is_refused(string justification)
    {
        var content = Drafts.Complete().WithFirstVariable(v => v with { Justification = justification });

        var error = ExpectErrors.Has(Drafts.CheckSubmission(content), "datasets[0].variables[0].justification", "min-length");
        Assert.Equal("10", error.Args["min"]);
    }

    [Fact]
    public void A_justification_of_exactly_the_minimum_length_is_accepted()
    {
        var content = Drafts.Complete().WithFirstVariable(v => v with { Justification = new string('j', ApplicationLimits.MinJustification) });

        ExpectErrors.None(Drafts.CheckSubmission(content));
    }
}
