using Gatekeeper.Domain.Reviews;
using Gatekeeper.Web.Components.Shared;
using Gatekeeper.Web.Localization;
using Gatekeeper.Workflows.Definitions;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Gatekeeper.Web.Components.Pages.Reviews;

/// <summary>
/// People's words for the workflow's codes: state titles come from the definition (they are data, in both
/// languages); actions, vote choices, decisions and guards from the resources, falling back to the code so
/// a new action in a definition never shows up blank.
/// </summary>
public static class ReviewLabels
{
    public static string State(WorkflowDefinition? definition, string state) =>
        definition?.Find(state)?.Title is { } title ? Localised.Text(title) : state;

    public static string State(WorkflowCatalog catalog, string definitionId, string state) =>
        State(catalog.Current.FirstOrDefault(d => d.Id == definitionId), state);

    /// <summary>An action of a task (<c>accept</c>, <c>return</c>, <c>approve_with_conditions</c>, …).</summary>
    public static string Action(IStringLocalizer<SharedResource> l, string action) => Text(l, $"Review.Action.{action}", action);

    /// <summary>A vote choice or decision code (<c>approve</c>, <c>approve-with-conditions</c>, <c>revise-and-resubmit</c>, <c>reject</c>).</summary>
    public static string Choice(IStringLocalizer<SharedResource> l, string choice) => Text(l, $"Review.Choice.{choice}", choice);

    public static string Decision(IStringLocalizer<SharedResource> l, ReviewDecision decision) => Choice(l, ReviewDecisions.Code(decision));

    public static Color DecisionColor(ReviewDecision decision) => decision switch
    {
        ReviewDecision.Approve => Color.Success,
        ReviewDecision.ApproveWithConditions => Color.Success,
        ReviewDecision.ReviseAndResubmit => Color.Warning,
        _ => Color.Error,
    };

    public static Color ChoiceColor(string choice) =>
        ReviewDecisions.TryParse(choice, out var decision) ? DecisionColor(decision) : Color.Default;

    /// <summary>Why an action is not possible yet, from the guard that blocks it.</summary>
    public static string Blocked(IStringLocalizer<SharedResource> l, string blockedBy) => blockedBy switch
    {
        _ when blockedBy.Contains("votes.quorum_met", StringComparison.Ordinal) => l["Review.Blocked.Quorum"],
        _ when blockedBy.Contains("risk.level", StringComparison.Ordinal) => l["Review.Blocked.LowRiskOnly"],
        _ => l["Review.Blocked.Other", blockedBy],
    };

    public static string Rating(IStringLocalizer<SharedResource> l, ChecklistRating rating) => l[$"Elsi.Rating.{rating}"];

    public static Color RatingColor(ChecklistRating rating) => rating switch
    {
        ChecklistRating.Satisfied => Color.Success,
        ChecklistRating.Concerns => Color.Warning,
        ChecklistRating.NotSatisfied => Color.Error,
        _ => Color.Default,
    };

    public static string RatingIcon(ChecklistRating rating) => rating switch
    {
        ChecklistRating.Satisfied => Icons.Material.Filled.CheckCircle,
        ChecklistRating.Concerns => Icons.Material.Filled.Error,
        ChecklistRating.NotSatisfied => Icons.Material.Filled.Cancel,
        ChecklistRating.NotApplicable => Icons.Material.Outlined.RemoveCircleOutline,
        _ => Icons.Material.Outlined.RadioButtonUnchecked,
    };

    private static string Text(IStringLocalizer<SharedResource> l, string key, string fallback)
    {
        var text = l[key];
        return text.ResourceNotFound ? fallback : text.Value;
    }
}
