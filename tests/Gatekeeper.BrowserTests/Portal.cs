using Gatekeeper.Testing;
using Microsoft.Playwright;

namespace Gatekeeper.BrowserTests;

/// <summary>Small steps the browser tests share: waiting for the live circuit, filling MudBlazor inputs, screenshots.</summary>
public static class Portal
{
    /// <summary>Blazor handles clicks only once its circuit is up; the layout marks that with data-interactive.</summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    /// <summary>Fills a text field and leaves it: MudBlazor commits the value on change, which fires on blur.</summary>
    public static async Task FillAsync(IPage page, string testId, string value)
    {
        var input = page.GetByTestId(testId);
        await input.FillAsync(value);
        await input.BlurAsync();
    }

    /// <summary>Clicks a MudBlazor radio or checkbox, whose real input sits under its icon.</summary>
    public static Task ChooseAsync(IPage page, string testId) =>
        page.GetByTestId(testId).DispatchEventAsync("click");

    /// <summary>
    /// A picture of the whole page as a person would see it on a tall screen: the viewport is stretched to
    /// the page's height first, since a scrolled full-page capture repeats the fixed app bar mid-page.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var (width, height) = (page.ViewportSize?.Width ?? 1366, page.ViewportSize?.Height ?? 900);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        var pageHeight = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        await page.SetViewportSizeAsync(width, Math.Clamp(pageHeight, height, 8000));
        // Let ripples, popovers and layout transitions settle so the picture shows the page at rest.
        await page.WaitForTimeoutAsync(400);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Artifacts, $"{name}.png") });
        await page.SetViewportSizeAsync(width, height);
    }

    /// <summary>
    /// Opens the run page of the demo permit (application GK-DEMO-0002 over the imported programme) from the permits list:
    /// other tests may have issued newer permits, so the row is chosen by its application, not its position.
    /// </summary>
    public static async Task OpenDemoPermitRunsAsync(IPage page)
    {
        await page.GotoAsync("/permits");
        await WaitForCircuitAsync(page);
        await page.Locator("tr", new PageLocatorOptions { HasText = "GK-DEMO-0002" }).Locator("[data-testid=permit-row] a").First.ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/permits/[0-9a-f-]{36}$"));
        await page.GetByTestId("permit-runs-link").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/permits/[0-9a-f-]{36}/runs$"));
        await WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("run-scope")).ToContainTextAsync("consortium_id");
    }

    /// <summary>
    /// Submits the run in the editor and returns its row, found by a run number that was not listed before: the newest
    /// row is not necessarily first until the list refreshes, and other tests may have run under the same permit.
    /// </summary>
    public static async Task<ILocator> SubmitRunAsync(IPage page)
    {
        var rows = page.Locator("[data-testid=run-row]");
        var before = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in await rows.AllAsync())
            before.Add(await row.GetAttributeAsync("data-run") ?? "");
        await page.GetByTestId("run-submit").ClickAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            foreach (var row in await rows.AllAsync())
            {
                var number = await row.GetAttributeAsync("data-run");
                if (number is not null && !before.Contains(number)) return page.Locator($"[data-testid=run-row][data-run='{number}']");
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException("The submitted run did not appear in the runs list within 30 s.");
            await page.WaitForTimeoutAsync(200);
        }
    }

    public static Task WaitForStepAsync(IPage page, string step) =>
        page.Locator($"[data-testid=wizard-panel][data-step={step}]").WaitForAsync();
}
