using System.Reflection;
using Bunit;
using Gatekeeper.Data.Ingest;
using Gatekeeper.Ingest.Importing;
using Gatekeeper.Testing.Onboarding;
using Gatekeeper.Web.Components.Pages.Catalogue;
using Gatekeeper.Web.Components.Pages.Data;
using Gatekeeper.Web.Onboarding;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Forms;

namespace Gatekeeper.Web.Tests;

/// <summary>The data stewards' pages: import with validation report and history, consent overview, demo import progress.</summary>
public sealed class DataStewardTests : IAsyncLifetime
{
    private PortalContext _ito = default!;

    public async Task InitializeAsync() => _ito = await PortalContext.CreateAsync("steward-ito", "en");

    public async Task DisposeAsync() => await _ito.DisposeAsync();

    [Fact]
    public void Both_pages_are_for_data_stewards_only()
    {
        foreach (var page in new[] { typeof(DataImportsPage), typeof(ConsentPage) })
            Assert.Equal(Policies.DataSteward, page.GetCustomAttributes<AuthorizeAttribute>(inherit: true).Single().Policy);
    }

    [Fact]
    public void An_upload_shows_the_outcome_the_report_the_history_and_the_published_table()
    {
        var page = _ito.Render<DataImportsPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=history-empty]"));
        page.Find("[data-testid=published-empty]");

        // 200 good rows and 1 with sex code 7: accepted with one rejected row.
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(HolderFiles.Participants(200, bad: 1), "participants.csv"));

        page.WaitForAssertion(() => Assert.Equal("Committed", page.Find("[data-testid=import-outcome]").GetAttribute("data-outcome")), TimeSpan.FromSeconds(30));
        Assert.Contains("Imported", page.Find("[data-testid=import-outcome]").TextContent);
        Assert.Equal("sex", page.Find("[data-testid=report-field]").TextContent.Trim());
        Assert.Equal("202", page.Find("[data-testid=report-line]").TextContent.Trim());
        Assert.Equal("code-list", page.Find("[data-testid=report-rule]").TextContent.Trim());
        Assert.Contains("/imports/", page.Find("[data-testid=report-download]").GetAttribute("href"));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=history-row]")));
        Assert.Contains("participants.csv", page.Find("[data-testid=history-row]").TextContent);
        Assert.Equal("Imported", page.Find("[data-testid=history-outcome]").TextContent.Trim());
        Assert.Equal("200", page.Find("[data-table=participants] [data-testid=published-rows]").TextContent.Trim());
    }

    [Fact]
    public void A_refused_file_says_nothing_was_imported()
    {
        var page = _ito.Render<DataImportsPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=history-empty]"));

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(HolderFiles.Participants(3, bad: 3), "participants.csv"));

        page.WaitForAssertion(() => Assert.Equal("Refused", page.Find("[data-testid=import-outcome]").GetAttribute("data-outcome")), TimeSpan.FromSeconds(30));
        Assert.Contains("Nothing was imported", page.Find("[data-testid=import-outcome]").TextContent);
        Assert.Equal(3, page.FindAll("[data-testid=report-rule]").Count);
        page.Find("[data-testid=published-empty]");
    }

    [Fact]
    public void A_file_that_is_not_csv_is_refused_with_a_clear_message()
    {
        var page = _ito.Render<DataImportsPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=history-empty]"));

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("hello", "notes.txt"));

        page.WaitForAssertion(() => Assert.Contains("CSV file", page.Find("[data-testid=import-errors]").TextContent));
        page.Find("[data-testid=history-empty]");
    }

    [Fact]
    public async Task The_consent_page_counts_opt_outs_and_refusals_per_purpose_in_Japanese()
    {
        await using var ja = await PortalContext.CreateAsync("steward-ito", "ja");
        var path = HolderFiles.Write(Path.Combine(ja.Store.DataFolder, "holder"), "consent.csv", HolderFiles.Consent());
        using (IngestActor.Begin(Gatekeeper.Audit.AuditActor.System))
            Assert.Equal(Ingest.Storage.ImportOutcome.Committed, (await ja.Store.Get<ExchangeImporter>().ImportAsync("dpp", path)).Outcome);

        var page = ja.Render<ConsentPage>();

        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=figure-opted-out] [data-testid=figure-value]").TextContent.Trim()));
        Assert.Equal("3", page.Find("[data-testid=figure-persons] [data-testid=figure-value]").TextContent.Trim());
        Assert.Equal("1", page.Find("[data-purpose=ai-training] [data-testid=purpose-refusing]").TextContent.Trim());
        Assert.Equal("1", page.Find("[data-purpose=scientific-research] [data-testid=purpose-consenting]").TextContent.Trim());
        Assert.Equal(3, page.FindAll("[data-testid=consent-decision]").Count);
        Assert.Contains("同意・オプトアウト台帳", page.Markup);
        Assert.Contains("オプトアウト", page.Find("[data-testid=consent-table]").TextContent);
    }

    [Fact]
    public void The_demo_import_shows_its_progress()
    {
        var status = _ito.Bunit.Services.GetService(typeof(DemoImportStatus)) as DemoImportStatus;
        var page = _ito.Render<DataImportsPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=history-empty]"));
        Assert.Empty(page.FindAll("[data-testid=demo-import]"));

        status!.Set(DemoImportState.Importing);
        status.Progress(3, 56, 1000);
        page.WaitForAssertion(() => Assert.Contains("file 3 of 56", page.Find("[data-testid=demo-import]").TextContent));
        status.Set(DemoImportState.Completed, elapsed: TimeSpan.FromSeconds(52));
        page.WaitForAssertion(() => Assert.Equal("Completed", page.Find("[data-testid=demo-import]").GetAttribute("data-state")));
    }

    [Fact]
    public async Task The_catalogue_shows_published_rows_per_table()
    {
        var path = HolderFiles.Write(Path.Combine(_ito.Store.DataFolder, "holder"), "participants.csv", HolderFiles.Participants(25));
        Assert.Equal(Ingest.Storage.ImportOutcome.Committed, (await _ito.Store.Get<ExchangeImporter>().ImportAsync("dpp", path)).Outcome);
        await _ito.Store.Get<CatalogueTableSync>().SyncAsync("dpp");

        var detail = _ito.Render<DatasetDetail>(p => p.Add(d => d.Id, "dpp"));
        detail.WaitForAssertion(() => Assert.Contains("25 rows", detail.Find("[data-testid=variables-participants] [data-testid=table-rows]").TextContent));
        detail.Find("[data-testid=variables-activity] [data-testid=table-not-published]");
        var list = _ito.Render<CatalogueList>();
        list.WaitForAssertion(() => Assert.Contains("25 rows", list.Find("[data-testid=dataset-rows]").TextContent));
    }
}
