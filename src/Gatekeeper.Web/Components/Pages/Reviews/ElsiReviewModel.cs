using Gatekeeper.Data.Workflows;
using Gatekeeper.Domain.Reviews;

namespace Gatekeeper.Web.Components.Pages.Reviews;

/// <summary>
/// What a reviewer has filled in so far: a rating and note per ELSI point, the recommendation, comments and
/// proposed conditions (one per line). The domain validates the whole review when it is submitted.
/// </summary>
public sealed class ElsiReviewModel
{
    /// <summary>The checklist's points in the order they are shown, by the field names errors use (<c>checklist.{field}</c>).</summary>
    public static IReadOnlyList<string> Fields { get; } = new ElsiChecklist().Items.Select(i => i.Field).ToList();

    public Dictionary<string, ChecklistRating> Ratings { get; } = Fields.ToDictionary(f => f, _ => ChecklistRating.NotRated);

    public Dictionary<string, string> Notes { get; } = Fields.ToDictionary(f => f, _ => "");

    /// <summary>A vote choice code (<c>approve</c>, <c>approve-with-conditions</c>, …); null until chosen.</summary>
    public string? Recommendation { get; set; }

    public string Comments { get; set; } = "";

    public string ConditionsText { get; set; } = "";

    public IReadOnlyList<string> Conditions => Lines(ConditionsText);

    public ElsiChecklist Checklist => new()
    {
        LegalBasis = Item("legalBasis"),
        ConsentStatus = Item("consentStatus"),
        Proportionality = Item("proportionality"),
        PublicBenefit = Item("publicBenefit"),
        ReidentificationRisk = Item("reidentificationRisk"),
        CommercialAspects = Item("commercialAspects"),
    };

    /// <summary>The submission, or null when no (known) recommendation was chosen yet.</summary>
    public ReviewSubmission? ToSubmission() =>
        ReviewDecisions.TryParse(Recommendation, out var recommendation)
            ? new ReviewSubmission
            {
                Recommendation = recommendation,
                Checklist = Checklist,
                Comments = string.IsNullOrWhiteSpace(Comments) ? null : Comments.Trim(),
                Conditions = Conditions,
            }
            : null;

    /// <summary>One condition per non-empty line.</summary>
    public static IReadOnlyList<string> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    private ChecklistItem Item(string field) =>
        new(Ratings[field], string.IsNullOrWhiteSpace(Notes[field]) ? null : Notes[field].Trim());
}
