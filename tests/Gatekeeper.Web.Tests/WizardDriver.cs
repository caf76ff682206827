using AngleSharp.Dom;
using Bunit;
using Gatekeeper.Web.Components.Pages.Applications.Wizard;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Gatekeeper.Web.Tests;

/// <summary>Drives the application wizard the way a person would: by test ids, typing and clicking.</summary>
internal sealed class WizardDriver(IRenderedComponent<ApplicationWizard> page)
{
    public IRenderedComponent<ApplicationWizard> Page => page;

    public string Step => page.Find("[data-testid=wizard-panel]").GetAttribute("data-step")!;

    public IElement Field(string testId) => page.Find($"[data-testid='{testId}']");

    /// <summary>The input element of a field: MudBlazor puts the test id on the input itself, other components wrap it.</summary>
    public IElement Input(string testId)
    {
        var element = Field(testId);
        return element.LocalName is "input" or "textarea"
            ? element
            : element.QuerySelector("textarea, input") ?? throw new InvalidOperationException($"{testId} has no input.");
    }

    /// <summary>Types into a text field and leaves it, which commits the value.</summary>
    public Task TypeAsync(string testId, string value) => Input(testId).ChangeAsync(new ChangeEventArgs { Value = value });

    /// <summary>Chooses a radio button or ticks a checkbox.</summary>
    public Task ChooseAsync(string testId)
    {
        var input = Input(testId);
        return input.GetAttribute("type") == "radio"
            ? input.ClickAsync(new MouseEventArgs())
            : input.ChangeAsync(new ChangeEventArgs { Value = true });
    }

    public Task ClickAsync(string testId) => Field(testId).ClickAsync(new MouseEventArgs());

    public Task NextAsync() => ClickAsync("wizard-next");

    public Task BackAsync() => ClickAsync("wizard-back");

    public Task GoToAsync(WizardStep step) => ClickAsync($"wizard-step-{WizardSteps.Key(step)}");

    public void WaitForStep(string step) => page.WaitForAssertion(() => Assert.Equal(step, Step));

    /// <summary>The validation messages shown under a field.</summary>
    public string ErrorsAt(string testId)
    {
        var control = Field(testId).Closest(".mud-input-control") ?? throw new InvalidOperationException($"{testId} is not in an input control.");
        return string.Join(" ", control.QuerySelectorAll(".mud-input-error").Select(e => e.TextContent.Trim()));
    }

    public bool IsDisabled(string testId) => Input(testId).HasAttribute("disabled");
}
