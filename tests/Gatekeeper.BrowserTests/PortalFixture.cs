using Gatekeeper.Testing;
using Microsoft.Playwright;

namespace Gatekeeper.BrowserTests;

/// <summary>
/// One running portal and one headless Debian chromium for all browser tests, with 佐藤 (researcher-sato)
/// signed in once through the real OpenID Connect sign-in with the one-time password the portal printed.
/// Tests open fresh browser contexts from the signed-in storage state.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public const string ResearcherId = "researcher-sato";

    public const string ResearcherEmail = "sato@u-tokyo-hosp.example";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private IPlaywright? _playwright;

    public PortalProcess Server { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>Cookies of the signed-in researcher.</summary>
    public string SignedInState { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Server = await PortalProcess.StartAsync(TimeSpan.FromSeconds(240), "browser-tests-portal");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
        SignedInState = await SignInAsync(ResearcherEmail, Server.DemoPassword(ResearcherEmail));
    }

    /// <summary>A new tab signed in as the researcher, with the UI in the given language.</summary>
    public async Task<IPage> OpenAsync(string culture)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(),
            StorageState = SignedInState,
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            Locale = culture == "ja" ? "ja-JP" : "en-GB",
            TimezoneId = "Asia/Tokyo",
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/culture/set?culture={culture}&redirectUri=/");
        await Portal.WaitForCircuitAsync(page);
        return page;
    }

    private const string NewPassword = "a long passphrase chosen at first sign-in";

    private async Task<string> SignInAsync(string email, string oneTimePassword)
    {
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Server.BaseAddress.ToString() });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync("/");
            await page.WaitForURLAsync("**/identity/sign-in**");
            await page.GetByTestId("email").FillAsync(email);
            await page.GetByTestId("password").FillAsync(oneTimePassword);
            await page.GetByTestId("sign-in").ClickAsync();

            // First sign-in with a one-time password: the provider makes the researcher choose a new one.
            await page.WaitForURLAsync("**/identity/change-password**");
            await page.GetByTestId("current-password").FillAsync(oneTimePassword);
            await page.GetByTestId("new-password").FillAsync(NewPassword);
            await page.GetByTestId("confirm-password").FillAsync(NewPassword);
            await page.GetByTestId("change-password").ClickAsync();
            await Portal.WaitForCircuitAsync(page);
            await page.GetByTestId("applications-table").WaitForAsync();
        }
        catch (TimeoutException ex)
        {
            await Portal.ScreenshotAsync(page, "sign-in-failed");
            throw new TimeoutException($"Signing in as {email} did not reach the dashboard; the browser is at {page.Url} (screenshot sign-in-failed.png).", ex);
        }

        return await context.StorageStateAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
    }
}
