using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Gatekeeper.BrowserTests;

/// <summary>
/// Every researcher page in each language, with a screenshot per page (artifacts/test-results/tour-*.png):
/// the dashboard, an approved application, each step of the demo draft, and the catalogue.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PortalTourTests(PortalFixture portal)
{
    public static TheoryData<string, string, string, string> Languages => new()
    {
        { "en", "My applications", "Review & submit", "Sensitivity classes" },
        { "ja", "マイ申請", "確認・提出", "機微度の区分" },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Every_page_renders_in_the_chosen_language(string culture, string dashboardTitle, string reviewStep, string legendTitle)
    {
        var page = await portal.OpenAsync(culture);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
        await Expect(page.Locator("h1")).ToHaveTextAsync(dashboardTitle);
        await Expect(page.GetByTestId("activity-timeline")).ToBeVisibleAsync();
        await Portal.ScreenshotAsync(page, $"tour-{culture}-01-dashboard");

        // The reference link, not the row: the screenshot's viewport change re-renders the table, and a click on the row
        // while its new handler is on its way to the browser is dropped; a link navigates whatever the circuit is doing.
        await page.Locator("[data-testid=application-row][data-reference=GK-DEMO-0002] a").First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/applications/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("application-meta").GetByTestId("status-Approved")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("history-timeline").GetByTestId("timeline-entry")).ToHaveCountAsync(3);
        await Portal.ScreenshotAsync(page, $"tour-{culture}-02-detail-approved");

        await page.GetByTestId("nav-dashboard").ClickAsync();
        await page.Locator("[data-testid=application-row][data-reference=GK-DEMO-0003] a").First.ClickAsync();
        await page.GetByTestId("action-edit").ClickAsync();
        await Portal.WaitForStepAsync(page, "overview");
        var steps = new[] { "overview", "purpose", "data", "output", "team", "attachments", "review" };
        for (var i = 0; i < steps.Length; i++)
        {
            await page.GetByTestId($"wizard-step-{steps[i]}").ClickAsync();
            await Portal.WaitForStepAsync(page, steps[i]);
            await Portal.ScreenshotAsync(page, $"tour-{culture}-{i + 3:00}-wizard-{steps[i]}");
        }

        await Expect(page.Locator("[data-testid=wizard-steps] [aria-current=step]")).ToContainTextAsync(reviewStep);
        await Expect(page.GetByTestId("review-problems")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("wizard-submit")).ToBeDisabledAsync();

        await page.GetByTestId("nav-catalogue").ClickAsync();
        await Expect(page.GetByTestId("dataset-card")).ToHaveCountAsync(1);
        await Portal.ScreenshotAsync(page, $"tour-{culture}-10-catalogue");

        await page.GetByTestId("dataset-open").ClickAsync();
        await Expect(page.GetByTestId("sensitivity-legend")).ToContainTextAsync(legendTitle);
        await Expect(page.GetByTestId("variable-row")).ToHaveCountAsync(43);
        await Portal.FillAsync(page, "variable-search", "hba1c");
        await Expect(page.GetByTestId("variable-row")).ToHaveCountAsync(4);
        await page.GetByTestId("variable-search").FillAsync("");
        await Expect(page.GetByTestId("variable-row")).ToHaveCountAsync(43);
        await Portal.ScreenshotAsync(page, $"tour-{culture}-11-dataset");

        // A phone: the drawer folds away behind the menu button and tables scroll sideways.
        await page.SetViewportSizeAsync(390, 844);
        // Wait for the layout to react to the new width before tapping, or the tap may close the drawer instead.
        await Expect(page.GetByTestId("nav-dashboard")).Not.ToBeInViewportAsync();
        await page.GetByTestId("nav-toggle").ClickAsync();
        // A tap that lands while the layout is still re-rendering for the new width can be dropped: tap again, as a person would.
        try
        {
            await Expect(page.GetByTestId("nav-dashboard")).ToBeInViewportAsync(new() { Timeout = 5_000 });
        }
        catch (PlaywrightException)
        {
            await page.GetByTestId("nav-toggle").ClickAsync();
        }

        await Expect(page.GetByTestId("nav-dashboard")).ToBeInViewportAsync();
        await page.GetByTestId("nav-dashboard").ClickAsync();
        await Expect(page.GetByTestId("applications-table")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("nav-dashboard")).Not.ToBeInViewportAsync();
        await Portal.ScreenshotAsync(page, $"tour-{culture}-12-phone-dashboard");
        await page.Context.CloseAsync();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
