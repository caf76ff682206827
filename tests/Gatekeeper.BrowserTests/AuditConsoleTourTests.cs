using Gatekeeper.Data;
using Gatekeeper.Testing;
using Microsoft.Playwright;
using OtpNet;

namespace Gatekeeper.BrowserTests;

/// <summary>
/// The certified operator's audit console in the browser: a portal whose log holds <see cref="PermitScenario"/> (written
/// to its store before it starts, ending yesterday), signed in as 吉田 through the real sign-in with password change and
/// authenticator enrolment, then the dashboard, the log with an entry's details, the permit's lineage, alerts and the
/// integrity page, in each language (screenshots artifacts/test-results/audit-*.png).
/// </summary>
/// <remarks>It starts its own portal and browser (not the researcher's shared fixture): the store must hold the scenario before the portal starts.</remarks>
public sealed class AuditConsoleTourTests
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private const string OperatorEmail = "yoshida@hdab.example";
    private const string NewPassword = "an auditor's long passphrase of the day";

    [Fact]
    public async Task The_operator_tours_the_audit_console()
    {
        var dataFolder = await PrepareStoreAsync();
        await using var server = await PortalProcess.StartAsync(TimeSpan.FromSeconds(240), "audit-console-portal",
            new Dictionary<string, string> { ["Gatekeeper:DataFolder"] = dataFolder });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "Asia/Tokyo",
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        try
        {
            await SignInAsync(page, server.DemoPassword(OperatorEmail));
            foreach (var culture in new[] { "en", "ja" })
            {
                await page.GotoAsync($"/culture/set?culture={culture}&redirectUri=/audit%3Fdays%3D365");
                await Portal.WaitForCircuitAsync(page);
                await Expect(page.GetByTestId("runs-total")).ToBeVisibleAsync();
                await Expect(page.GetByTestId("nav-audit")).ToBeVisibleAsync();
                await Expect(page.Locator($"[data-testid=budget-row][data-permit={PermitScenario.Permit}]")).ToBeVisibleAsync();
                await Portal.ScreenshotAsync(page, $"audit-{culture}-01-dashboard");

                await page.GotoAsync($"/audit/log?subject={PermitScenario.Permit}");
                await Portal.WaitForCircuitAsync(page);
                await page.GetByTestId("log-row").First.ClickAsync();
                await Expect(page.GetByTestId("entry-hash")).ToBeVisibleAsync();
                await Portal.ScreenshotAsync(page, $"audit-{culture}-02-log-entry");

                await page.GotoAsync($"/audit/lineage/{PermitScenario.Permit}");
                await Portal.WaitForCircuitAsync(page);
                await Expect(page.GetByTestId("lineage-run")).ToHaveCountAsync(3);
                await Expect(page.GetByTestId("lineage-version")).ToHaveCountAsync(2);
                await Portal.ScreenshotAsync(page, $"audit-{culture}-03-lineage");

                await page.GotoAsync("/audit/verification");
                await Portal.WaitForCircuitAsync(page);
                await page.GetByTestId("verify-now").ClickAsync();
                await Expect(page.GetByTestId("verification-result")).ToHaveAttributeAsync("data-valid", "true");
                await Portal.ScreenshotAsync(page, $"audit-{culture}-04-verification");
            }
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await Portal.ScreenshotAsync(page, "audit-console-failed");
            throw new InvalidOperationException($"The audit console tour stopped at {page.Url} (screenshot audit-console-failed.png).", ex);
        }
    }

    /// <summary>A demo-seeded store whose log holds the scenario, ending the day before today, copied to a folder the portal then uses.</summary>
    private static async Task<string> PrepareStoreAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "gatekeeper-portal", "audit-" + Guid.NewGuid().ToString("N"));
        var start = DateTimeOffset.UtcNow.AddDays(-102);
        await using (var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite, seed: true, now: start))
        {
            await PermitScenario.WriteAsync(store);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Copy(store.DataFolder, folder);
        }

        return folder;
    }

    private static void Copy(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
    }

    /// <summary>
    /// First sign-in of a staff member: the one-time password, then — in whatever order the provider asks — an authenticator
    /// (TOTP) enrolment, a new password and the recovery codes, until the portal itself opens.
    /// </summary>
    private static async Task SignInAsync(IPage page, string oneTimePassword)
    {
        await page.GotoAsync("/audit");
        await page.WaitForURLAsync("**/identity/sign-in**");
        await page.GetByTestId("email").FillAsync(OperatorEmail);
        await page.GetByTestId("password").FillAsync(oneTimePassword);
        await page.GetByTestId("sign-in").ClickAsync();
        // A form the provider sends back (e.g. "expired": a sign-in elsewhere in the browser changed its state) is filled again.
        for (var step = 0; step < 8 && page.Url.Contains("/identity/", StringComparison.Ordinal); step++)
        {
            var before = page.Url;
            var at = new Uri(before).AbsolutePath;
            if (at.EndsWith("/identity/sign-in", StringComparison.Ordinal))
            {
                await page.WaitForURLAsync(url => !url.Contains("/identity/sign-in", StringComparison.Ordinal));
                continue;
            }

            if (at.EndsWith("/change-password", StringComparison.Ordinal))
            {
                await page.GetByTestId("current-password").FillAsync(oneTimePassword);
                await page.GetByTestId("new-password").FillAsync(NewPassword);
                await page.GetByTestId("confirm-password").FillAsync(NewPassword);
                await page.GetByTestId("change-password").ClickAsync();
            }
            else if (at.EndsWith("/mfa/enrol", StringComparison.Ordinal))
            {
                var key = await page.GetByTestId("authenticator-key").GetAttributeAsync("data-key");
                await page.GetByTestId("code").FillAsync(new Totp(Base32Encoding.ToBytes(key!.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())).ComputeTotp());
                await page.GetByTestId("enrol").ClickAsync();
            }
            else if (at.EndsWith("/mfa/recovery-codes", StringComparison.Ordinal))
            {
                await page.GetByTestId("continue").ClickAsync();
            }
            else
            {
                throw new InvalidOperationException($"Unexpected sign-in step {page.Url}");
            }

            await page.WaitForURLAsync(url => url != before);
        }

        await Portal.WaitForCircuitAsync(page);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
