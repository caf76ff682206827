using Gatekeeper.Testing;
using Microsoft.Playwright;
using OtpNet;

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
    public Task<IPage> OpenAsync(string culture) => NewPageAsync(SignedInState, culture, "/");

    private const string NewPassword = "a long passphrase chosen at first sign-in";

    private readonly Dictionary<string, string> _staffStates = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signInGate = new(1, 1);

    /// <summary>
    /// A new tab signed in as a staff member (first sign-in done once per fixture: new password, authenticator
    /// enrolment with a real TOTP code, recovery codes), at <paramref name="path"/>.
    /// </summary>
    public async Task<IPage> OpenAsAsync(string email, string culture, string path, string landingTestId)
    {
        string state;
        await _signInGate.WaitAsync();
        try
        {
            if (!_staffStates.TryGetValue(email, out state!))
                _staffStates[email] = state = await SignInAsync(email, Server.DemoPassword(email), path, landingTestId);
        }
        finally
        {
            _signInGate.Release();
        }

        var page = await NewPageAsync(state, culture, path);
        await page.GetByTestId(landingTestId).WaitForAsync();
        return page;
    }

    /// <summary>A new browser context from a signed-in state, at <paramref name="path"/> in the given language, once the circuit is up.</summary>
    private async Task<IPage> NewPageAsync(string state, string culture, string path)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(),
            StorageState = state,
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            Locale = culture == "ja" ? "ja-JP" : "en-GB",
            TimezoneId = "Asia/Tokyo",
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/culture/set?culture={culture}&redirectUri={Uri.EscapeDataString(path)}");
        await Portal.WaitForCircuitAsync(page);
        return page;
    }

    private Task<string> SignInAsync(string email, string oneTimePassword) =>
        SignInAsync(email, oneTimePassword, "/", "applications-table");

    /// <summary>Signs in through the provider's pages as a person would, whatever the first sign-in asks for, until <paramref name="landingTestId"/> shows.</summary>
    private async Task<string> SignInAsync(string email, string oneTimePassword, string path, string landingTestId)
    {
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Server.BaseAddress.ToString() });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync(path);
            await page.WaitForURLAsync("**/identity/sign-in**");
            await page.GetByTestId("email").FillAsync(email);
            await page.GetByTestId("password").FillAsync(oneTimePassword);
            await page.GetByTestId("sign-in").ClickAsync();
            // A form the provider sends back (e.g. "expired": a sign-in elsewhere in the browser changed its state) is filled again.
            for (var step = 0; step < 8; step++)
            {
                await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
                var before = page.Url;
                var at = new Uri(before).AbsolutePath;
                if (at == "/identity/mfa/enrol")
                {
                    // Roles that need MFA enrol an authenticator first: read the key the page shows, answer with its current code.
                    var key = await page.GetByTestId("authenticator-key").GetAttributeAsync("data-key");
                    await page.GetByTestId("code").FillAsync(new Totp(Base32Encoding.ToBytes(key!)).ComputeTotp());
                    await page.GetByTestId("enrol").ClickAsync();
                    await page.WaitForURLAsync(url => url != before);
                }
                else if (at == "/identity/mfa/recovery-codes")
                {
                    await Assertions.Expect(page.GetByTestId("recovery-codes")).ToBeVisibleAsync();
                    await page.GetByTestId("continue").ClickAsync();
                    await page.WaitForURLAsync(url => !url.Contains("/identity/mfa/recovery-codes", StringComparison.Ordinal));
                }
                else if (at == "/identity/change-password")
                {
                    // First sign-in with a one-time password: the provider makes the person choose a new one.
                    await page.GetByTestId("current-password").FillAsync(oneTimePassword);
                    await page.GetByTestId("new-password").FillAsync(NewPassword);
                    await page.GetByTestId("confirm-password").FillAsync(NewPassword);
                    await page.GetByTestId("change-password").ClickAsync();
                    await page.WaitForURLAsync(url => url != before);
                }
                else if (!at.StartsWith("/identity/", StringComparison.Ordinal) && !at.StartsWith("/signin-", StringComparison.Ordinal))
                {
                    break;
                }
                else
                {
                    await page.WaitForTimeoutAsync(200);
                }
            }

            await Portal.WaitForCircuitAsync(page);
            await page.GetByTestId(landingTestId).WaitForAsync();
        }
        catch (TimeoutException ex)
        {
            var shot = $"sign-in-failed-{email.Split('@')[0]}";
            await Portal.ScreenshotAsync(page, shot);
            throw new TimeoutException($"Signing in as {email} did not reach {path}; the browser is at {page.Url} (screenshot {shot}.png).", ex);
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
