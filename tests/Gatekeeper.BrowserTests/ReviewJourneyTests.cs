using Microsoft.Playwright;

namespace Gatekeeper.BrowserTests;

/// <summary>
/// The review story end to end, each person in their own browser: the researcher submits a high-risk application →
/// the data steward screens it → two ELSI reviewers approve → the chair confirms → the researcher sees the data permit.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ReviewJourneyTests(PortalFixture portal)
{
    private const string Steward = "ito@hdab.example";
    private static readonly string[] Reviewers = ["watanabe@elsi-board.example", "yamamoto@elsi-board.example"];
    private const string Chair = "nakamura@elsi-board.example";

    private static readonly string[] ChecklistFields =
        ["legalBasis", "consentStatus", "proportionality", "publicBenefit", "reidentificationRisk", "commercialAspects"];

    [Fact]
    public async Task Steward_screens_two_reviewers_approve_the_chair_confirms_and_the_researcher_sees_the_permit()
    {
        var title = $"Activity, weight and blood pressure {Guid.NewGuid().ToString("N")[..6]}";
        var researcher = await portal.OpenAsync("en");
        await researcher.GetByTestId("applications-table").WaitForAsync();
        // Anonymised microdata (2 points) and three sensitive health variables (3) reach policies/risk.yaml's
        // high-risk threshold: the application goes to the ELSI panel, where two approvals make the quorum.
        await ApplicationWizard.SubmitAsync(researcher, new ApplicationAnswers(title)
        {
            Tier = "AnonymisedMicrodata",
            Variables =
            [
                ("weight", "weight", "Weight change is a secondary outcome."),
                ("home_blood_pressure", "systolic", "Blood pressure is a secondary outcome."),
                ("hba1c", "hba1c", "HbA1c is the primary outcome."),
            ],
        });

        var steward = await OpenFromQueueAsync(Steward, title);
        await ExpectState(steward, "screening");
        await Portal.ChooseAsync(steward, "action-accept");
        await Portal.FillAsync(steward, "action-comment", "Complete: every variable is justified and the ethics approval is attached.");
        await steward.GetByTestId("action-submit").ClickAsync();
        await ExpectState(steward, "panel_review");
        await Portal.ScreenshotAsync(steward, "review-en-01-screened");
        await steward.Context.CloseAsync();

        foreach (var (email, i) in Reviewers.Select((e, i) => (e, i)))
        {
            var reviewer = await OpenFromQueueAsync(email, title);
            await ExpectState(reviewer, "panel_review");
            foreach (var field in ChecklistFields)
                await Portal.ChooseAsync(reviewer, $"elsi-{field}-Satisfied");
            await Portal.ChooseAsync(reviewer, "elsi-recommend-approve");
            await Portal.FillAsync(reviewer, "elsi-comments", "Proportionate; aggregate safeguards and the disclosure checks address the risk.");
            if (i == 0) await Portal.ScreenshotAsync(reviewer, "review-en-02-elsi-form");
            await reviewer.GetByTestId("elsi-submit").ClickAsync();
            await Expect(reviewer.GetByTestId("already-voted")).ToBeVisibleAsync();
            await reviewer.Context.CloseAsync();
        }

        var chair = await OpenFromQueueAsync(Chair, title);
        await ExpectState(chair, "chair_decision");
        await Expect(chair.GetByTestId("quorum-met")).ToBeVisibleAsync();
        await Portal.ChooseAsync(chair, "action-approve");
        await Portal.FillAsync(chair, "action-comment", "Approved on the panel's recommendation.");
        await Portal.ScreenshotAsync(chair, "review-en-03-chair-decision");
        await chair.GetByTestId("action-submit").ClickAsync();
        await ExpectState(chair, "approved");
        await Expect(chair.GetByTestId("decision-chip")).ToBeVisibleAsync();
        await chair.Context.CloseAsync();

        await researcher.GotoAsync("/permits");
        await Portal.WaitForCircuitAsync(researcher);
        var row = researcher.Locator("tr").Filter(new LocatorFilterOptions { Has = researcher.GetByTestId("permit-row"), HasText = title });
        await Expect(row).ToHaveCountAsync(1);
        await Portal.ScreenshotAsync(researcher, "review-en-04-permits");
        await row.GetByTestId("permit-row").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(researcher.GetByTestId("permit")).ToBeVisibleAsync();
        await Expect(researcher.GetByTestId("permit-variables")).ToContainTextAsync("home_blood_pressure.systolic");
        await Portal.ScreenshotAsync(researcher, "review-en-05-permit");
        await researcher.Context.CloseAsync();
    }

    /// <summary>Signs the person in, opens their queue's "my tasks" and the row of the application.</summary>
    private async Task<IPage> OpenFromQueueAsync(string email, string title)
    {
        var page = await portal.OpenAsAsync(email, "en", "/reviews", "queue-tabs");
        var row = page.Locator("tr").Filter(new LocatorFilterOptions { Has = page.GetByTestId("queue-row"), HasText = title });
        await Expect(row).ToHaveCountAsync(1);
        await row.GetByTestId("queue-open").ClickAsync();
        await page.WaitForURLAsync("**/reviews/*");
        await Portal.WaitForCircuitAsync(page);
        return page;
    }

    private static Task ExpectState(IPage page, string state) =>
        Expect(page.GetByTestId("review-state")).ToHaveAttributeAsync("data-state", state);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
