using Gatekeeper.Domain.Common;

namespace Gatekeeper.Domain.Reviews;

/// <summary>
/// The structured ELSI (ethical, legal, social issues) review of an application: every point rated;
/// a point with concerns or not satisfied says why.
/// </summary>
public sealed record ElsiChecklist
{
    /// <summary>Legal basis of the secondary use (Next-Generation Medical Infrastructure Act, APPI, EHDS purpose).</summary>
    public ChecklistItem LegalBasis { get; init; } = new(ChecklistRating.NotRated);

    /// <summary>Consent and opt-out status of the people in the data; withdrawals respected.</summary>
    public ChecklistItem ConsentStatus { get; init; } = new(ChecklistRating.NotRated);

    /// <summary>Proportionality of the variables asked for (data minimisation).</summary>
    public ChecklistItem Proportionality { get; init; } = new(ChecklistRating.NotRated);

    public ChecklistItem PublicBenefit { get; init; } = new(ChecklistRating.NotRated);

    public ChecklistItem ReidentificationRisk { get; init; } = new(ChecklistRating.NotRated);

    public ChecklistItem CommercialAspects { get; init; } = new(ChecklistRating.NotRated);

    public IEnumerable<(string Field, ChecklistItem Item)> Items =>
    [
        ("legalBasis", LegalBasis), ("consentStatus", ConsentStatus), ("proportionality", Proportionality),
        ("publicBenefit", PublicBenefit), ("reidentificationRisk", ReidentificationRisk), ("commercialAspects", CommercialAspects),
    ];

    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new List<ValidationError>();
        foreach (var (field, item) in Items)
        {
            var path = $"checklist.{field}";
            if (item is null || item.Rating == ChecklistRating.NotRated)
                errors.Add(ValidationError.Create(path, "required", "Rate every point of the checklist."));
            else if (item.Rating is ChecklistRating.Concerns or ChecklistRating.NotSatisfied && string.IsNullOrWhiteSpace(item.Note))
                errors.Add(ValidationError.Create(path, "note-required", "Say what the concern is."));
            if (item?.Note?.Length > ReviewLimits.Note)
                errors.Add(ValidationError.Create(path, "max-length", $"A note may be at most {ReviewLimits.Note} characters.", ("max", ReviewLimits.Note)));
        }

        return errors;
    }
}
