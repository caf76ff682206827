using Gatekeeper.Data.Seeding;
using Gatekeeper.Ingest.Exchange;
using Gatekeeper.Ingest.Storage;

namespace Gatekeeper.Ingest.Tests.Storage;

/// <summary>The analysis tables carry exactly the dataset catalogue's tables, variable names and sensitivity classes.</summary>
public sealed class CatalogueTests
{
    [Fact]
    public void Every_catalogue_table_and_variable_is_an_analysis_column_with_the_same_sensitivity()
    {
        var catalogue = DiabetesPreventionCatalogue.Create();
        var expected = catalogue.Variables.Select(v => $"{v.Table}.{v.Name}:{v.Sensitivity}").ToList();
        var actual = ExchangeFormat.AnalysisTables
            .SelectMany(s => CatalogueVariables.For(s, IngestHarness.Coarsening).Select(v => $"{s.Table}.{v.Name}:{v.Sensitivity}"))
            .ToList();

        Assert.Equal(expected, actual);
        Assert.Equal(catalogue.UnitIdVariable, ExchangeFormat.Activity.Fields.Single(f => f.Transform == FieldTransform.PseudonymisePerson).Name);
    }

    [Fact]
    public async Task A_published_table_has_a_catalogue_entry_with_row_count_variables_and_provenance()
    {
        using var harness = new IngestHarness();
        var result = await harness.ImportAsync("activity.csv", Rows.Csv(ExchangeFormat.Activity, Rows.Activity, Rows.With(), Rows.With(("participant_id", "B"))));

        var entry = await harness.Store.ReadCatalogueAsync("dpp", "activity");
        Assert.NotNull(entry);
        Assert.Equal(2, entry.RowCount);
        Assert.Equal(result.Record.Version, entry.Version);
        Assert.Equal("participant_id", entry.Variables[0].Name);
        Assert.Equal(Gatekeeper.Domain.Catalogue.VariableSensitivity.DirectIdentifier, entry.Variables[0].Sensitivity);
        Assert.Equal([result.Record.Sha256], entry.Imports);
        Assert.Equal(IngestHarness.Coarsening.Sha256, entry.CoarseningPolicySha256);
        Assert.Single(entry.Parts);
        var columns = harness.Query("DESCRIBE SELECT * FROM {activity}").Select(r => (string)r[0]!).ToList();
        Assert.Equal([.. entry.Variables.Select(v => v.Name), .. entry.SystemColumns], columns);
        Assert.True(new DirectoryInfo(harness.Layout.TableFolder("dpp", "activity")).LinkTarget is not null);
    }
}
