using System.Net.Mail;
using Gatekeeper.Domain.Catalogue;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Organisations;
using Gatekeeper.Domain.Policies;

namespace Gatekeeper.Domain.Applications;

/// <summary>
/// Validation of application content. Drafts only need to fit the limits (so work in progress can
/// be saved); submission needs the application complete, within policy and minimal.
/// </summary>
public static class ApplicationRules
{
    public const string ProtocolAttachmentKind = "protocol";

    /// <summary>Checks that hold for any saved draft: lengths and counts.</summary>
    public static IReadOnlyList<ValidationError> ValidateDraft(ApplicationContent c)
    {
        var errors = new List<ValidationError>();
        MaxLength(errors, "title", c.Title, ApplicationLimits.Title);
        MaxLength(errors, "laySummary", c.LaySummary, ApplicationLimits.LaySummary);
        MaxLength(errors, "scientificAbstract", c.ScientificAbstract, ApplicationLimits.ScientificAbstract);
        MaxLength(errors, "purposeDescription", c.PurposeDescription, ApplicationLimits.PurposeDescription);
        MaxLength(errors, "safeguards", c.Safeguards, ApplicationLimits.Safeguards);
        MaxLength(errors, "ethicsApprovalReference", c.EthicsApprovalReference, ApplicationLimits.EthicsApprovalReference);
        if (c.Team.Count > ApplicationLimits.TeamMembers)
            errors.Add(ValidationError.Create("team", "max-count", $"At most {ApplicationLimits.TeamMembers} team members.", ("max", ApplicationLimits.TeamMembers)));
        for (var i = 0; i < c.Team.Count; i++)
        {
            var m = c.Team[i];
            MaxLength(errors, $"team[{i}].name", m.Name, ApplicationLimits.PersonName);
            MaxLength(errors, $"team[{i}].email", m.Email, ApplicationLimits.Email);
            MaxLength(errors, $"team[{i}].organisation", m.Organisation, ApplicationLimits.Organisation);
            MaxLength(errors, $"team[{i}].projectRole", m.ProjectRole, ApplicationLimits.ProjectRole);
        }

        if (c.Datasets.Count > ApplicationLimits.Datasets)
            errors.Add(ValidationError.Create("datasets", "max-count", $"At most {ApplicationLimits.Datasets} datasets.", ("max", ApplicationLimits.Datasets)));
        for (var i = 0; i < c.Datasets.Count; i++)
        {
            var d = c.Datasets[i];
            if (d.Variables.Count > ApplicationLimits.VariablesPerDataset)
                errors.Add(ValidationError.Create($"datasets[{i}].variables", "max-count", $"At most {ApplicationLimits.VariablesPerDataset} variables per dataset.", ("max", ApplicationLimits.VariablesPerDataset)));
            for (var j = 0; j < d.Variables.Count; j++)
                MaxLength(errors, $"datasets[{i}].variables[{j}].justification", d.Variables[j].Justification, ApplicationLimits.Justification);
        }

        return errors;
    }

    /// <summary>Everything that must hold before an application can be submitted for review.</summary>
    public static IReadOnlyList<ValidationError> ValidateForSubmission(
        ApplicationContent c,
        ICatalogue catalogue,
        PurposePolicy policy,
        Organisation applicantOrganisation,
        IReadOnlyCollection<ApplicationAttachment> attachments,
        DateOnly today)
    {
        var errors = ValidateDraft(c).ToList();
        Required(errors, "title", c.Title);
        Required(errors, "laySummary", c.LaySummary);
        Required(errors, "scientificAbstract", c.ScientificAbstract);
        Required(errors, "purposeDescription", c.PurposeDescription);
        Required(errors, "safeguards", c.Safeguards);

        var purpose = policy.FindPurpose(c.PurposeCategory);
        if (string.IsNullOrWhiteSpace(c.PurposeCategory))
            errors.Add(RequiredError("purposeCategory"));
        else if (purpose is null)
            errors.Add(ValidationError.Create("purposeCategory", "unknown-purpose", $"'{c.PurposeCategory}' is not a permitted purpose category.", ("value", c.PurposeCategory)));

        ScreenProhibitedUses(errors, policy, c);
        if (!c.ProhibitedUsesDeclined)
            errors.Add(ValidationError.Create("prohibitedUsesDeclined", "declaration-required",
                "You must confirm that the data will not be used for any prohibited use."));

        ValidateTier(errors, c.RequestedTier, applicantOrganisation);
        ValidatePeriod(errors, c, policy, today);
        ValidateTeam(errors, c.Team);
        ValidateDatasets(errors, c.Datasets, catalogue);

        if (purpose is { ProtocolRequired: true } && !attachments.Any(a => a.Kind == ProtocolAttachmentKind))
            errors.Add(ValidationError.Create("attachments", "protocol-required",
                $"A study protocol (PDF) is required for the purpose '{purpose.Name.En}'.", ("purpose", purpose.Code)));

        return errors;
    }

    /// <summary>Refuses when a purpose text names a prohibited use; the message quotes the phrase so the applicant sees why.</summary>
    private static void ScreenProhibitedUses(List<ValidationError> errors, PurposePolicy policy, ApplicationContent c)
    {
        foreach (var (field, text) in new[]
                 {
                     ("title", c.Title), ("laySummary", c.LaySummary), ("scientificAbstract", c.ScientificAbstract),
                     ("purposeDescription", c.PurposeDescription),
                 })
        {
            if (policy.Screen(text) is { } hit)
                errors.Add(ValidationError.Create(field, "prohibited-use",
                    $"Prohibited use: {hit.Use.Name.En} (the text mentions \"{hit.Phrase}\"). Secondary use for this purpose is not permitted.",
                    ("use", hit.Use.Code), ("phrase", hit.Phrase)));
        }
    }

    private static void ValidateTier(List<ValidationError> errors, OutputTier? tier, Organisation organisation)
    {
        if (tier is null)
        {
            errors.Add(RequiredError("requestedTier"));
            return;
        }

        if (!Enum.IsDefined(tier.Value))
            errors.Add(ValidationError.Create("requestedTier", "unknown-tier", "Unknown output tier."));
        else if (tier == OutputTier.PseudonymisedMicrodata && !organisation.IsCertifiedOperator)
            errors.Add(ValidationError.Create("requestedTier", "tier-requires-certified-operator",
                "Pseudonymised microdata may only be requested by a certified operator organisation.", ("organisation", organisation.Name)));
    }

    private static void ValidatePeriod(List<ValidationError> errors, ApplicationContent c, PurposePolicy policy, DateOnly today)
    {
        if (c.PeriodStart is null) errors.Add(RequiredError("periodStart"));
        if (c.PeriodEnd is null) errors.Add(RequiredError("periodEnd"));
        if (c.PeriodStart is not { } start || c.PeriodEnd is not { } end) return;

        if (end <= start)
            errors.Add(ValidationError.Create("periodEnd", "period-order", "The end of the period must be after its start."));
        else if (end > start.AddMonths(policy.MaxPeriodMonths))
            errors.Add(ValidationError.Create("periodEnd", "period-too-long",
                $"The period may be at most {policy.MaxPeriodMonths} months.", ("maxMonths", policy.MaxPeriodMonths)));
        if (end <= today)
            errors.Add(ValidationError.Create("periodEnd", "period-in-past", "The period must end in the future."));
    }

    private static void ValidateTeam(List<ValidationError> errors, List<TeamMember> team)
    {
        if (team.Count == 0)
        {
            errors.Add(ValidationError.Create("team", "required", "Name at least one team member."));
            return;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < team.Count; i++)
        {
            var m = team[i];
            Required(errors, $"team[{i}].name", m.Name);
            Required(errors, $"team[{i}].organisation", m.Organisation);
            if (string.IsNullOrWhiteSpace(m.Email))
                errors.Add(RequiredError($"team[{i}].email"));
            else if (!IsEmail(m.Email))
                errors.Add(ValidationError.Create($"team[{i}].email", "email", $"'{m.Email}' is not an e-mail address.", ("value", m.Email)));
            else if (!seen.Add(m.Email.Trim()))
                errors.Add(ValidationError.Create($"team[{i}].email", "duplicate", $"{m.Email} is listed twice.", ("value", m.Email)));
        }
    }

    private static void ValidateDatasets(List<ValidationError> errors, List<DatasetRequest> datasets, ICatalogue catalogue)
    {
        if (datasets.Count == 0)
        {
            errors.Add(ValidationError.Create("datasets", "required", "Choose at least one dataset."));
            return;
        }

        var seenDatasets = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < datasets.Count; i++)
        {
            var request = datasets[i];
            var dataset = catalogue.Find(request.DatasetId);
            if (dataset is null)
            {
                errors.Add(ValidationError.Create($"datasets[{i}].datasetId", "unknown-dataset",
                    $"Dataset '{request.DatasetId}' is not in the catalogue.", ("value", request.DatasetId)));
                continue;
            }

            if (!seenDatasets.Add(dataset.Id))
                errors.Add(ValidationError.Create($"datasets[{i}].datasetId", "duplicate", $"Dataset '{dataset.Id}' is listed twice.", ("value", dataset.Id)));
            if (request.Variables.Count == 0)
                errors.Add(ValidationError.Create($"datasets[{i}].variables", "required", $"Choose the variables you need from '{dataset.Name}'."));

            var seenVariables = new HashSet<string>(StringComparer.Ordinal);
            for (var j = 0; j < request.Variables.Count; j++)
                ValidateVariable(errors, $"datasets[{i}].variables[{j}]", dataset, request.Variables[j], seenVariables);
        }
    }

    private static void ValidateVariable(List<ValidationError> errors, string path, Dataset dataset, VariableRequest v, HashSet<string> seen)
    {
        var variable = dataset.FindVariable(v.Table, v.Name);
        if (variable is null)
        {
            errors.Add(ValidationError.Create($"{path}.name", "unknown-variable",
                $"Variable '{v.Table}.{v.Name}' is not in dataset '{dataset.Id}'.", ("value", $"{v.Table}.{v.Name}"), ("dataset", dataset.Id)));
            return;
        }

        if (!seen.Add(variable.QualifiedName))
            errors.Add(ValidationError.Create($"{path}.name", "duplicate", $"'{variable.QualifiedName}' is listed twice.", ("value", variable.QualifiedName)));
        if (variable.Sensitivity == VariableSensitivity.DirectIdentifier)
            errors.Add(ValidationError.Create($"{path}.name", "direct-identifier",
                $"'{variable.QualifiedName}' is a direct identifier and is never released; records are linked by a pseudonym instead.",
                ("value", variable.QualifiedName)));

        if (string.IsNullOrWhiteSpace(v.Justification))
            errors.Add(ValidationError.Create($"{path}.justification", "justification-required",
                $"Explain why '{variable.QualifiedName}' is needed (data minimisation).", ("value", variable.QualifiedName)));
        else if (v.Justification.Trim().Length < ApplicationLimits.MinJustification)
            errors.Add(ValidationError.Create($"{path}.justification", "min-length",
                $"The justification for '{variable.QualifiedName}' must be at least {ApplicationLimits.MinJustification} characters.",
                ("min", ApplicationLimits.MinJustification), ("value", variable.QualifiedName)));
    }

    private static bool IsEmail(string value) =>
        MailAddress.TryCreate(value.Trim(), out var address) && address.Address == value.Trim() && address.Host.Contains('.');

    private static void Required(List<ValidationError> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(RequiredError(field));
    }

    private static ValidationError RequiredError(string field) =>
        ValidationError.Create(field, "required", $"'{field}' is required.");

    private static void MaxLength(List<ValidationError> errors, string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
            errors.Add(ValidationError.Create(field, "max-length", $"'{field}' may be at most {max} characters (it has {value.Length}).",
                ("max", max), ("actual", value.Length)));
    }
}
