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

        await page.GetByTestId("new-application").ClickAsync();
        await Portal.WaitForStepAsync(page, "overview");
        await Portal.FillAsync(page, "field-title", title);
        await Portal.FillAsync(page, "field-laySummary", "1日の歩数が多い人ほど血糖値（HbA1c）が改善するかを、集計統計のみで調べます。");
        await Portal.FillAsync(page, "field-scientificAbstract", "糖尿病予防プログラム参加者における平均歩数と3か月後のHbA1c変化量の関連を、コンソーシアム別に推定する。");
        await Expect(page.GetByTestId("autosave-status")).ToHaveAttributeAsync("data-state", new Regex("Saved|Pending|Saving"));
        await page.WaitForURLAsync(new Regex("/applications/[0-9a-f-]{36}/edit$"));
        await Portal.ScreenshotAsync(page, "journey-ja-02-overview");
        await page.GetByTestId("wizard-next").ClickAsync();

        await Portal.WaitForStepAsync(page, "purpose");
        await Portal.ChooseAsync(page, "purpose-scientific-research");
        await Portal.FillAsync(page, "field-purposeDescription", "職域の保健指導で歩数目標を設定する根拠とします。");
        await Portal.ChooseAsync(page, "field-prohibitedUsesDeclined");
        await Expect(page.GetByTestId("field-prohibitedUsesDeclined")).ToBeCheckedAsync();
        await Portal.ScreenshotAsync(page, "journey-ja-03-purpose");
        await page.GetByTestId("wizard-next").ClickAsync();

        await Portal.WaitForStepAsync(page, "data");
        await Portal.ChooseAsync(page, "dataset-dpp");
        await Expect(page.GetByTestId("variable-dpp-participants-participant_id")).ToBeDisabledAsync();
        await page.GetByTestId("table-toggle-activity").ClickAsync();
        await page.GetByTestId("table-toggle-hba1c").ClickAsync();
        await Portal.ChooseAsync(page, "variable-dpp-activity-step");
        await Portal.FillAsync(page, "field-datasets[0].variables[0].justification", "1日の歩数が研究の曝露要因です。");
        await Portal.ChooseAsync(page, "variable-dpp-hba1c-hba1c");
        await Portal.FillAsync(page, "field-datasets[0].variables[1].justification", "HbA1cの変化量が主要評価項目です。");
        await Portal.ScreenshotAsync(page, "journey-ja-04-data");
        await page.GetByTestId("wizard-next").ClickAsync();

        await Portal.WaitForStepAsync(page, "output");
        await Expect(page.GetByTestId("tier-PseudonymisedMicrodata")).ToBeDisabledAsync();
        await Portal.ChooseAsync(page, "tier-AggregateStatistics");
        var start = DateTime.Today.AddDays(7);
        await Portal.FillAsync(page, "field-periodStart", start.ToString("yyyy-MM-dd"));
        await Portal.FillAsync(page, "field-periodEnd", start.AddMonths(12).ToString("yyyy-MM-dd"));
        await page.Keyboard.PressAsync("Escape");
        await Portal.FillAsync(page, "field-safeguards", "解析は訪問型解析環境内でのみ行い、成果物は開示チェックを経て持ち出します。");
        await Portal.FillAsync(page, "field-ethicsApprovalReference", "UTH-IRB-2026-0999");
        await Portal.ScreenshotAsync(page, "journey-ja-05-output");
        await page.GetByTestId("wizard-next").ClickAsync();

        await Portal.WaitForStepAsync(page, "team");
        await Expect(page.GetByTestId("field-team[0].email")).ToHaveValueAsync(PortalFixture.ResearcherEmail);
        await Portal.ScreenshotAsync(page, "journey-ja-06-team");
        await page.GetByTestId("wizard-next").ClickAsync();

        await Portal.WaitForStepAsync(page, "attachments");
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "protocol.pdf", MimeType = "application/pdf", Buffer = SampleContent.Pdf("Study protocol: daily steps and HbA1c"),
        });
        await Expect(page.GetByTestId("attachment-list")).ToContainTextAsync("protocol.pdf");
        await Expect(page.GetByTestId("attachment-sha256")).ToContainTextAsync(new Regex("[0-9a-f]{64}"));
        await Portal.ScreenshotAsync(page, "journey-ja-07-attachments");
        await page.GetByTestId("wizard-next").ClickAsync();

        await Portal.WaitForStepAsync(page, "review");
        await Expect(page.GetByTestId("review-ready")).ToBeVisibleAsync();
        await Portal.ScreenshotAsync(page, "journey-ja-08-review");
        await page.GetByTestId("wizard-submit").ClickAsync();

        await page.WaitForURLAsync(new Regex("/applications/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("application-meta").GetByTestId("status-Submitted")).ToBeVisibleAsync();
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
