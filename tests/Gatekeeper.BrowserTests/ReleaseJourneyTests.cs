using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Gatekeeper.BrowserTests;

/// <summary>
/// The exit review end to end in the real portal: a run's output fails the threshold rule, the researcher asks for an
/// exception, two output checkers (first sign-in with TOTP) each vote without seeing the other's votes, one approves,
/// and the researcher downloads the package whose manifest hashes match its files (screenshots release-*.png).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ReleaseJourneyTests(PortalFixture portal)
{
    private static readonly string[] Checkers = ["kobayashi@hdab.example", "kato@hdab.example"];

    [Fact]
    public async Task A_failing_output_leaves_by_exception_after_two_checkers_and_its_package_matches_the_manifest()
    {
        await RunPageTests.ImportAsync(portal.Server.DataFolder);
        var researcher = await portal.OpenAsync("en");
        await Portal.OpenDemoPermitRunsAsync(researcher);

        // Few people per consortium have an HbA1c of 6.5 or more: cells under 10 fail the threshold rule.
        await researcher.Locator("[data-testid=run-editor] textarea").FillAsync("""
            SELECT p.consortium_id, count(DISTINCT participant_id) AS people
            FROM hba1c h JOIN participants p USING (participant_id)
            WHERE h.hba1c >= 6.5
            GROUP BY p.consortium_id
            """);
        var row = await Portal.SubmitRunAsync(researcher);
        await Expect(row).ToHaveAttributeAsync("data-state", "Succeeded", new() { Timeout = 120_000 });
        await row.GetByTestId("run-release-link").ClickAsync();
        await researcher.WaitForURLAsync(new Regex("/release$"));
        await Portal.WaitForCircuitAsync(researcher);
        var file = researcher.Locator("[data-testid=release-file]").First;
        await Expect(file).ToHaveAttributeAsync("data-status", "fail");
        await Expect(file.Locator("[data-rule=threshold]")).ToBeVisibleAsync();

        // Submitting without an exception request is refused, naming the file.
        await Portal.FillAsync(researcher, "release-description-input", "People with HbA1c of 6.5 or more per consortium, for the programme's baseline table.");
        await researcher.GetByTestId("release-submit").ClickAsync();
        await Expect(researcher.GetByText("failed the automated disclosure check")).ToBeVisibleAsync();
        await Portal.FillAsync(researcher, "release-file-exception", "The consortium counts are already published in the programme's annual report.");
        await Portal.ScreenshotAsync(researcher, "release-01-request");
        await researcher.GetByTestId("release-submit").ClickAsync();
        await Expect(researcher.GetByTestId("release-status")).ToHaveAttributeAsync("data-status", "submitted");
        var releaseUrl = researcher.Url;

        foreach (var (email, i) in Checkers.Select((e, i) => (e, i)))
        {
            var checker = await portal.OpenAsAsync(email, "en", "/outputs", "outputs-table");
            await checker.Locator("[data-testid=output-request-row] a").First.ClickAsync();
            await checker.WaitForURLAsync(new Regex("/outputs/[0-9a-f-]{36}$"));
            await Portal.WaitForCircuitAsync(checker);
            await Expect(checker.Locator("[data-testid=review-row][data-status=fail]").First).ToBeVisibleAsync();
            await Expect(checker.GetByTestId("review-exception")).ToBeVisibleAsync();
            Assert.Equal(0, await checker.GetByTestId("other-vote").CountAsync()); // blinded
            await Portal.ChooseAsync(checker, "vote-approve");
            await Portal.FillAsync(checker, "vote-comment", "The counts are public in the annual report; the exception is justified.");
            await checker.GetByTestId("vote-save").ClickAsync();
            await Expect(checker.GetByTestId("vote-saved")).ToBeVisibleAsync();
            if (i == 0) await Portal.ScreenshotAsync(checker, "release-02-checker");
            await checker.GetByTestId("review-submit").ClickAsync();
            if (i == 0)
            {
                await Expect(checker.GetByTestId("release-status")).ToHaveAttributeAsync("data-status", "partially-reviewed");
            }
            else
            {
                await Expect(checker.GetByTestId("release-status")).ToHaveAttributeAsync("data-status", "reviewed");
                await Expect(checker.GetByTestId("other-vote")).ToHaveCountAsync(1);
                await checker.GetByTestId("decide-approve").ClickAsync();
                await Expect(checker.GetByTestId("release-status")).ToHaveAttributeAsync("data-status", "released");
            }

            await checker.Context.CloseAsync();
        }

        await researcher.GotoAsync(releaseUrl);
        await Portal.WaitForCircuitAsync(researcher);
        await Expect(researcher.GetByTestId("release-ready")).ToBeVisibleAsync();
        await Portal.ScreenshotAsync(researcher, "release-03-ready");
        var href = await researcher.GetByTestId("release-download").GetAttributeAsync("href");
        var response = await researcher.Context.APIRequest.GetAsync(href!);
        Assert.Equal(200, response.Status);
        var package = await response.BodyAsync();
        using var zip = new ZipArchive(new MemoryStream(package));
        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        var output = Assert.Single(manifest.RootElement.GetProperty("outputs").EnumerateArray());
        Assert.Equal("released", output.GetProperty("status").GetString());
        Assert.Equal("fail", output.GetProperty("automatedCheck").GetProperty("status").GetString());
        using var content = new MemoryStream();
        await zip.GetEntry(output.GetProperty("file").GetString()!)!.Open().CopyToAsync(content);
        Assert.Equal(output.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(content.ToArray())));
        await researcher.Context.CloseAsync();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
