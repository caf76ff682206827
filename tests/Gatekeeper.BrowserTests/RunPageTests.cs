using System.Text.RegularExpressions;
using Gatekeeper.Ingest.Consent;
using Gatekeeper.Ingest.Importing;
using Gatekeeper.Ingest.Pseudonymisation;
using Gatekeeper.Ingest.Storage;
using Gatekeeper.Ingest.Synthetic;
using Gatekeeper.Policies.Purposes;
using Gatekeeper.Testing;
using Microsoft.Playwright;

namespace Gatekeeper.BrowserTests;

/// <summary>
/// The researcher's run page in the real portal: the demo permit over the imported synthetic programme, a refused
/// query naming its construct, and a run that executes in the sandbox and lands in the airlock (screenshots
/// artifacts/test-results/runs-*.png).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class RunPageTests(PortalFixture portal)
{
    [Fact]
    public async Task A_researcher_validates_and_runs_a_query_under_the_demo_permit()
    {
        await ImportAsync(portal.Server.DataFolder);
        var page = await portal.OpenAsync("en");

        await Portal.OpenDemoPermitRunsAsync(page);

        var editor = page.Locator("[data-testid=run-editor] textarea");
        await editor.FillAsync("SELECT method_code, count(*) AS n\nFROM hba1c\nGROUP BY method_code");
        await page.GetByTestId("run-validate").ClickAsync();
        await Expect(page.GetByTestId("run-problem")).ToContainTextAsync("hba1c.method_code");
        await Portal.ScreenshotAsync(page, "runs-validation");

        await editor.FillAsync("""
            SELECT p.consortium_id,
                   round(avg(a.step), 0) AS mean_daily_steps,
                   count(DISTINCT participant_id) AS people
            FROM activity a JOIN participants p USING (participant_id)
            GROUP BY p.consortium_id
            ORDER BY p.consortium_id
            """);
        await page.GetByTestId("run-validate").ClickAsync();
        await Expect(page.GetByTestId("run-valid")).ToBeVisibleAsync();
        var row = await Portal.SubmitRunAsync(page);
        await Expect(row).ToHaveAttributeAsync("data-state", "Succeeded", new() { Timeout = 120_000 });
        await Expect(row.GetByTestId("run-message")).ToContainTextAsync("airlock");
        await Portal.ScreenshotAsync(page, "runs-page");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    internal static async Task ImportAsync(string dataFolder)
    {
        var layout = new DataLayout(dataFolder);
        if (new AnalysisStore(layout).Tables("dpp").Count > 0) return;
        var csv = Path.Combine(dataFolder, "demo-csv");
        await new DemoDataGenerator().GenerateAsync(new DemoDataOptions { Participants = 120, Days = 30, OutputFolder = csv });
        var purposes = PurposePolicyLoader.Load(Path.Combine(RepositoryPaths.Policies, PurposePolicyLoader.FileName)).Purposes.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        var importer = new ExchangeImporter(layout, new FileKeyProvider(layout), new FileImportLog(layout), new FileConsentRegistry(layout),
            CoarseningPolicyLoader.Load(Path.Combine(RepositoryPaths.Policies, CoarseningPolicyLoader.RelativePath)), purposes);
        foreach (var file in Directory.GetFiles(csv, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            Assert.True((await importer.ImportAsync("dpp", file)).Outcome is ImportOutcome.Committed or ImportOutcome.AlreadyImported);
        Directory.Delete(csv, recursive: true);
    }
}
