using Bunit;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Testing;
using Gatekeeper.Web.Components.Pages.Applications.Wizard;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace Gatekeeper.Web.Tests;

public sealed class WizardTests : IAsyncLifetime
{
    private PortalContext _sato = default!;

    public async Task InitializeAsync() => _sato = await PortalContext.CreateAsync("researcher-sato");

    public async Task DisposeAsync() => await _sato.DisposeAsync();

    private WizardDriver Open(PortalContext context, Guid? id = null)
    {
        var page = context.Render<ApplicationWizard>(p => p.Add(w => w.Id, id));
        page.WaitForAssertion(() => page.Find("[data-testid=wizard-panel]"));
        return new WizardDriver(page);
    }

    [Fact]
    public async Task Moving_on_with_empty_required_fields_shows_a_message_at_each_field_and_stays()
    {
        var wizard = Open(_sato);

        await wizard.NextAsync();

        wizard.Page.WaitForAssertion(() => Assert.Contains("Please fill this in.", wizard.ErrorsAt("field-title")));
        Assert.Contains("Please fill this in.", wizard.ErrorsAt("field-laySummary"));
        Assert.Contains("Please fill this in.", wizard.ErrorsAt("field-scientificAbstract"));
        Assert.Contains("3 item(s)", wizard.Field("step-hint").TextContent);
        Assert.Equal("overview", wizard.Step);
        // Nothing was typed, so no draft was created.
        Assert.Equal(3, (await _sato.Applications.ListMineAsync(_sato.Actor, default)).Count);
    }

    [Fact]
    public async Task Steps_forward_and_back_keeping_what_was_typed_in_an_autosaved_draft()
    {
        var wizard = Open(_sato);

        await wizard.TypeAsync("field-title", "Walking and HbA1c");
        await wizard.TypeAsync("field-laySummary", "Do people who walk more have better blood sugar?");
        await wizard.TypeAsync("field-scientificAbstract", "Association of mean daily steps with 3-month HbA1c change.");
        await wizard.NextAsync();
        wizard.WaitForStep("purpose");
        Assert.Contains("Public interest and health policy", wizard.Field("field-purposeCategory").TextContent);

        await wizard.BackAsync();
        wizard.WaitForStep("overview");
        Assert.Equal("Walking and HbA1c", wizard.Input("field-title").GetAttribute("value"));

        // The first change created the draft and the address became its edit page.
        var mine = await _sato.Applications.ListMineAsync(_sato.Actor, default);
        var draft = Assert.Single(mine, a => a.Title == "Walking and HbA1c");
        Assert.Equal(ApplicationStatus.Draft, draft.Status);
        Assert.EndsWith($"/applications/{draft.Id}/edit", _sato.Bunit.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task A_complete_run_through_every_step_submits_the_application()
    {
        var wizard = Open(_sato);

        await wizard.TypeAsync("field-title", "Daily steps and glycaemic control");
        await wizard.TypeAsync("field-laySummary", "Whether people who walk more have lower blood sugar, from counts and averages only.");
        await wizard.TypeAsync("field-scientificAbstract", "Association between mean daily steps and 3-month HbA1c change, by consortium.");
        await wizard.NextAsync();
        wizard.WaitForStep("purpose");

        await wizard.ChooseAsync("purpose-scientific-research");
        await wizard.TypeAsync("field-purposeDescription", "Evidence for workplace health guidance on physical activity.");
        await wizard.ChooseAsync("field-prohibitedUsesDeclined");
        await wizard.NextAsync();
        wizard.WaitForStep("data");

        await wizard.ChooseAsync("dataset-dpp");
        wizard.Page.WaitForAssertion(() => wizard.Field("variable-dpp-participants-participant_id"));
        Assert.True(wizard.IsDisabled("variable-dpp-participants-participant_id"));
        Assert.Empty(wizard.Page.FindAll("[data-testid=variable-dpp-activity-step]"));
        await wizard.ClickAsync("table-toggle-activity");
        await wizard.ClickAsync("table-toggle-hba1c");
        await wizard.ChooseAsync("variable-dpp-activity-step");
        await wizard.ChooseAsync("variable-dpp-hba1c-hba1c");
        await wizard.TypeAsync("field-datasets[0].variables[0].justification", "Daily steps are the exposure of the study.");
        await wizard.TypeAsync("field-datasets[0].variables[1].justification", "HbA1c change is the primary outcome.");
        await wizard.NextAsync();
        wizard.WaitForStep("output");

        await wizard.ChooseAsync("tier-AggregateStatistics");
        await wizard.TypeAsync("field-periodStart", "2026-12-01");
        await wizard.TypeAsync("field-periodEnd", "2027-11-30");
        await wizard.TypeAsync("field-safeguards", "Analysis only in the visiting environment; outputs checked before release.");
        await wizard.NextAsync();
        wizard.WaitForStep("team");

        // The applicant is already listed.
        Assert.Equal("sato@u-tokyo-hosp.example", wizard.Input("field-team[0].email").GetAttribute("value"));
        await wizard.NextAsync();
        wizard.WaitForStep("attachments");

        // Scientific research needs a protocol: Next is refused until one is attached.
        await wizard.NextAsync();
        wizard.Page.WaitForAssertion(() => Assert.Contains("study protocol (PDF) is required", wizard.Field("attachments-problems").TextContent));
        wizard.Page.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromBinary(SampleContent.Pdf(), "protocol.pdf", contentType: "application/pdf"));
        wizard.Page.WaitForAssertion(() => Assert.Contains("protocol.pdf", wizard.Field("attachment-list").TextContent));
        await wizard.NextAsync();
        wizard.WaitForStep("review");

        wizard.Page.WaitForAssertion(() => wizard.Field("review-ready"));
        await wizard.ClickAsync("wizard-submit");

        var mine = await _sato.Applications.ListMineAsync(_sato.Actor, default);
        var submitted = Assert.Single(mine, a => a.Title == "Daily steps and glycaemic control");
        Assert.Equal(ApplicationStatus.Submitted, submitted.Status);
        var stored = await _sato.Applications.GetAsync(_sato.Actor, submitted.Id, default);
        Assert.Equal(["activity.step", "hba1c.hba1c"], stored!.Datasets.Single().Variables.Select(v => $"{v.Table}.{v.Name}"));
        Assert.Equal(new DateOnly(2027, 11, 30), stored.PeriodEnd);
        Assert.Single(stored.Attachments);
        Assert.EndsWith($"/applications/{submitted.Id}", _sato.Bunit.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task The_pseudonymised_tier_is_disabled_for_an_organisation_that_is_not_a_certified_operator()
    {
        var wizard = Open(_sato);

        await wizard.GoToAsync(WizardStep.Output);

        wizard.WaitForStep("output");
        Assert.True(wizard.IsDisabled("tier-PseudonymisedMicrodata"));
        Assert.False(wizard.IsDisabled("tier-AggregateStatistics"));
        Assert.Contains("Only certified operators", wizard.Field("tier-locked").TextContent);
    }

    [Fact]
    public async Task The_pseudonymised_tier_can_be_chosen_by_a_researcher_of_a_certified_operator()
    {
        await using var suzuki = await PortalContext.CreateAsync("researcher-suzuki");
        var wizard = Open(suzuki);

        await wizard.GoToAsync(WizardStep.Output);

        wizard.WaitForStep("output");
        Assert.False(wizard.IsDisabled("tier-PseudonymisedMicrodata"));
        Assert.Empty(wizard.Page.FindAll("[data-testid=tier-locked]"));
    }

    [Fact]
    public async Task A_prohibited_purpose_shows_the_prohibited_use_message_and_nothing_is_submitted()
    {
        var today = DateOnly.FromDateTime(_sato.Store.Time.GetUtcNow().UtcDateTime);
        var content = SampleContent.Complete(today) with { PurposeDescription = "Targeted advertising of supplements to people with high HbA1c." };
        var draft = (await _sato.Applications.CreateDraftAsync(_sato.Actor, content, default)).Value!;
        var wizard = Open(_sato, draft.Id);

        await wizard.GoToAsync(WizardStep.Review);

        wizard.Page.WaitForAssertion(() => wizard.Field("review-problems"));
        var problem = Assert.Single(wizard.Page.FindAll("[data-testid=review-problem]"));
        Assert.Equal("prohibited-use", problem.GetAttribute("data-rule"));
        Assert.Contains("Prohibited use: Advertising or marketing to individuals", problem.TextContent);
        Assert.True(wizard.Field("wizard-submit").HasAttribute("disabled"));

        // The problem links to its step, where the message stands at the field.
        await wizard.ClickAsync("review-goto-purpose");
        wizard.WaitForStep("purpose");
        wizard.Page.WaitForAssertion(() => Assert.Contains("targeted advertising", wizard.ErrorsAt("field-purposeDescription"), StringComparison.OrdinalIgnoreCase));

        var stored = await _sato.Applications.GetAsync(_sato.Actor, draft.Id, default);
        Assert.Equal(ApplicationStatus.Draft, stored!.Status);
        Assert.Null(stored.SubmittedAt);
    }

    [Fact]
    public async Task Changes_to_a_draft_are_saved_a_moment_after_the_last_edit()
    {
        var draft = (await _sato.Applications.ListMineAsync(_sato.Actor, default)).Single(a => a.Reference == "GK-DEMO-0003");
        var wizard = Open(_sato, draft.Id);

        await wizard.TypeAsync("field-title", "Home blood pressure, daily steps and HbA1c");
        wizard.Page.WaitForAssertion(() => Assert.Equal("Pending", wizard.Field("autosave-status").GetAttribute("data-state")));
        Assert.NotEqual("Home blood pressure, daily steps and HbA1c", (await _sato.Applications.GetAsync(_sato.Actor, draft.Id, default))!.Title);

        _sato.Store.Time.Advance(DraftSaver.Delay + TimeSpan.FromMilliseconds(100));

        wizard.Page.WaitForAssertion(() => Assert.Equal("Saved", wizard.Field("autosave-status").GetAttribute("data-state")));
        Assert.Equal("Home blood pressure, daily steps and HbA1c", (await _sato.Applications.GetAsync(_sato.Actor, draft.Id, default))!.Title);
    }

    [Fact]
    public async Task An_edit_that_collides_with_a_change_made_elsewhere_says_so_and_changes_nothing()
    {
        var draft = (await _sato.Applications.ListMineAsync(_sato.Actor, default)).Single(a => a.Reference == "GK-DEMO-0003");
        var wizard = Open(_sato, draft.Id);
        var elsewhere = (await _sato.Applications.GetAsync(_sato.Actor, draft.Id, default))!;
        await _sato.Applications.SaveDraftAsync(_sato.Actor, draft.Id, elsewhere.Content with { Title = "Changed in another tab" }, elsewhere.ConcurrencyStamp, default);

        await wizard.TypeAsync("field-title", "Changed here");
        _sato.Store.Time.Advance(DraftSaver.Delay + TimeSpan.FromMilliseconds(100));

        wizard.Page.WaitForAssertion(() => wizard.Field("stale-edit"));
        Assert.Equal("Stale", wizard.Field("autosave-status").GetAttribute("data-state"));
        Assert.NotNull(wizard.Field("wizard-reload"));
        Assert.Equal("Changed in another tab", (await _sato.Applications.GetAsync(_sato.Actor, draft.Id, default))!.Title);
    }

    [Fact]
    public async Task A_submitted_application_opens_read_only_with_a_way_to_start_a_revision()
    {
        var submitted = (await _sato.Applications.ListMineAsync(_sato.Actor, default)).Single(a => a.Reference == "GK-DEMO-0001");

        var page = _sato.Render<ApplicationWizard>(p => p.Add(w => w.Id, submitted.Id));

        page.WaitForAssertion(() => page.Find("[data-testid=read-only-notice]"));
        Assert.Empty(page.FindAll("[data-testid=wizard-panel]"));
        Assert.Contains("can no longer be changed", page.Find("[data-testid=read-only-notice]").TextContent);
        Assert.NotNull(page.Find("[data-testid=create-revision]"));
    }
}
