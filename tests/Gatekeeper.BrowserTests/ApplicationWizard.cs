using System.Text.RegularExpressions;
using Gatekeeper.Testing;
using Microsoft.Playwright;

namespace Gatekeeper.BrowserTests;

/// <summary>What a researcher enters in the application wizard; the defaults are a small aggregate study.</summary>
public sealed record ApplicationAnswers(string Title)
{
    public string Tier { get; init; } = "AggregateStatistics";

    /// <summary>
    /// Catalogue tables to open and variables to ask for (table, variable, justification), in catalogue order: the form
    /// numbers the chosen variables' justification fields in that order.
    /// </summary>
    public IReadOnlyList<(string Table, string Variable, string Justification)> Variables { get; init; } =
    [
        ("activity", "step", "1日の歩数が研究の曝露要因です。"),
        ("hba1c", "hba1c", "HbA1cの変化量が主要評価項目です。"),
    ];
}

/// <summary>Walks the researcher through every step of the wizard as a person would, checking each step's rules on the way.</summary>
public static class ApplicationWizard
{
    /// <summary>Fills and submits an application; returns its id. Takes a screenshot per step when <paramref name="screenshots"/> names a prefix.</summary>
    public static async Task<Guid> SubmitAsync(IPage page, ApplicationAnswers answers, string? screenshots = null)
    {
        await page.GetByTestId("new-application").ClickAsync();
        await Portal.WaitForStepAsync(page, "overview");
        await Portal.FillAsync(page, "field-title", answers.Title);
        await Portal.FillAsync(page, "field-laySummary", "1日の歩数が多い人ほど血糖値（HbA1c）が改善するかを、集計統計のみで調べます。");
        await Portal.FillAsync(page, "field-scientificAbstract", "糖尿病予防プログラム参加者における平均歩数と3か月後のHbA1c変化量の関連を、コンソーシアム別に推定する。");
        await Expect(page.GetByTestId("autosave-status")).ToHaveAttributeAsync("data-state", new Regex("Saved|Pending|Saving"));
        await page.WaitForURLAsync(new Regex("/applications/[0-9a-f-]{36}/edit$"));
        await ShotAsync(page, screenshots, "02-overview");
        await page.GetByTestId("wizard-next").ClickAsync();

        await Portal.WaitForStepAsync(page, "purpose");
        await Portal.ChooseAsync(page, "purpose-scientific-research");
        await Portal.FillAsync(page, "field-purposeDescription", "職域の保健指導で歩数目標を設定する根拠とします。");
        await Portal.ChooseAsync(page, "field-prohibitedUsesDeclined");
        await Expect(page.GetByTestId("field-prohibitedUsesDeclined")).ToBeCheckedAsync();
        await ShotAsync(page, screenshots, "03-purpose");
        await page.GetByTestId("wizard-next").ClickAsync();

        await Portal.WaitForStepAsync(page, "data");
        await Portal.ChooseAsync(page, "dataset-dpp");
        await Expect(page.GetByTestId("variable-dpp-participants-participant_id")).ToBeDisabledAsync();
        foreach (var table in answers.Variables.Select(v => v.Table).Distinct())
            await page.GetByTestId($"table-toggle-{table}").ClickAsync();
        for (var i = 0; i < answers.Variables.Count; i++)
        {
            var (table, variable, justification) = answers.Variables[i];
            await Portal.ChooseAsync(page, $"variable-dpp-{table}-{variable}");
            await Portal.FillAsync(page, $"field-datasets[0].variables[{i}].justification", justification);
        }

        await ShotAsync(page, screenshots, "04-data");
        await page.GetByTestId("wizard-next").ClickAsync();

        await Portal.WaitForStepAsync(page, "output");
        await Expect(page.GetByTestId("tier-PseudonymisedMicrodata")).ToBeDisabledAsync();
        await Portal.ChooseAsync(page, $"tier-{answers.Tier}");
        var start = DateTime.Today.AddDays(7);
        await Portal.FillAsync(page, "field-periodStart", start.ToString("yyyy-MM-dd"));
        await Portal.FillAsync(page, "field-periodEnd", start.AddMonths(12).ToString("yyyy-MM-dd"));
        await page.Keyboard.PressAsync("Escape");
        await Portal.FillAsync(page, "field-safeguards", "解析は訪問型解析環境内でのみ行い、成果物は開示チェックを経て持ち出します。");
        await Portal.FillAsync(page, "field-ethicsApprovalReference", "UTH-IRB-2026-0999");
        await ShotAsync(page, screenshots, "05-output");
        await page.GetByTestId("wizard-next").ClickAsync();

        await Portal.WaitForStepAsync(page, "team");
        await Expect(page.GetByTestId("field-team[0].email")).ToHaveValueAsync(PortalFixture.ResearcherEmail);
        await ShotAsync(page, screenshots, "06-team");
        await page.GetByTestId("wizard-next").ClickAsync();

        await Portal.WaitForStepAsync(page, "attachments");
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "protocol.pdf", MimeType = "application/pdf", Buffer = SampleContent.Pdf("Study protocol: daily steps and HbA1c"),
        });
        await Expect(page.GetByTestId("attachment-list")).ToContainTextAsync("protocol.pdf");
        await Expect(page.GetByTestId("attachment-sha256")).ToContainTextAsync(new Regex("[0-9a-f]{64}"));
        await ShotAsync(page, screenshots, "07-attachments");
        await page.GetByTestId("wizard-next").ClickAsync();

        await Portal.WaitForStepAsync(page, "review");
        await Expect(page.GetByTestId("review-ready")).ToBeVisibleAsync();
        await ShotAsync(page, screenshots, "08-review");
        await page.GetByTestId("wizard-submit").ClickAsync();

        await page.WaitForURLAsync(new Regex("/applications/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("application-meta").GetByTestId("status-Submitted")).ToBeVisibleAsync();
        return Guid.Parse(new Uri(page.Url).Segments[^1]);
    }

    private static Task ShotAsync(IPage page, string? prefix, string name) =>
        prefix is null ? Task.CompletedTask : Portal.ScreenshotAsync(page, $"{prefix}-{name}");

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
