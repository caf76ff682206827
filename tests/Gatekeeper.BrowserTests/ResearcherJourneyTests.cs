using System.Text.RegularExpressions;
using Gatekeeper.Testing;
using Microsoft.Playwright;

namespace Gatekeeper.BrowserTests;

/// <summary>The end-to-end story: a researcher applies for data through every step of the wizard and sees it submitted.</summary>
[Collection(PortalCollection.Name)]
public sealed class ResearcherJourneyTests(PortalFixture portal)
{
    [Fact]
    public async Task A_researcher_fills_the_wizard_submits_and_sees_the_application_listed_as_submitted()
    {
        var page = await portal.OpenAsync("ja");
        var title = $"歩数とHbA1cの関連 {Guid.NewGuid().ToString("N")[..6]}";
        await page.GetByTestId("applications-table").WaitForAsync();
        await Portal.ScreenshotAsync(page, "journey-ja-01-dashboard");

        await ApplicationWizard.SubmitAsync(page, new ApplicationAnswers(title), screenshots: "journey-ja");
        await Expect(page.GetByTestId("history-timeline")).ToContainTextAsync("提出済み");
        await Portal.ScreenshotAsync(page, "journey-ja-09-detail-submitted");

        await page.GetByTestId("nav-dashboard").ClickAsync();
        var row = page.GetByTestId("application-row").Filter(new LocatorFilterOptions { HasText = title });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("status-Submitted")).ToBeVisibleAsync();
        await Portal.ScreenshotAsync(page, "journey-ja-10-dashboard-submitted");
        await page.Context.CloseAsync();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
