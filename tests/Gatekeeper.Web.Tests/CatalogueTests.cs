using Bunit;
using Gatekeeper.Web.Components.Pages.Catalogue;

namespace Gatekeeper.Web.Tests;

public sealed class CatalogueTests : IAsyncLifetime
{
    private PortalContext _sato = default!;

    public async Task InitializeAsync() => _sato = await PortalContext.CreateAsync("researcher-sato", "ja");

    public async Task DisposeAsync() => await _sato.DisposeAsync();

    [Fact]
    public void Lists_the_datasets_in_Japanese_and_filters_them()
    {
        var page = _sato.Render<CatalogueList>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=dataset-card]")));
        Assert.Contains("糖尿病予防プログラム", page.Find("[data-testid=dataset-card]").TextContent);
        Assert.Contains("直接識別子", page.Find("[data-testid=sensitivity-legend]").TextContent);

        page.Find("[data-testid=catalogue-search]").Input("レセプト");
        page.WaitForAssertion(() => page.Find("[data-testid=no-match]"));
        page.Find("[data-testid=catalogue-search]").Input("歩数");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=dataset-card]")));
    }

    [Fact]
    public void Groups_variables_by_table_with_their_sensitivity()
    {
        var page = _sato.Render<DatasetDetail>(p => p.Add(d => d.Id, "dpp"));

        page.WaitForAssertion(() => Assert.Equal(43, page.FindAll("[data-testid=variable-row]").Count));
        var serial = page.Find("[data-variable='activity.production_specification_serial']");
        Assert.NotNull(serial.QuerySelector("[data-testid=sensitivity-DirectIdentifier]"));
        Assert.NotNull(page.Find("[data-variable='hba1c.hba1c'] [data-testid=sensitivity-Sensitive]"));
        Assert.Contains("checkup_blood_pressure", page.Find("[data-testid=variables-checkup_blood_pressure]").TextContent);
    }

    [Fact]
    public void An_unknown_dataset_shows_a_friendly_not_found()
    {
        var page = _sato.Render<DatasetDetail>(p => p.Add(d => d.Id, "no-such-dataset"));

        page.WaitForAssertion(() => page.Find("[data-testid=not-found]"));
        Assert.Contains("データセットが見つかりません", page.Markup);
    }
}
