using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Tests.Support;

namespace Gatekeeper.Domain.Tests.Applications;

/// <summary>Submission needs the application complete.</summary>
public sealed class RequiredFieldTests
{
    [Fact]
    public void A_complete_application_passes_every_submission_rule()
    {
        ExpectErrors.None(Drafts.CheckSubmission(Drafts.Complete()));
    }

    [Theory]
    [MemberData(nameof(ContentFields.RequiredPaths), MemberType = typeof(ContentFields))]
    public void An_empty_required_field_is_refused(string path)
    {
        var content = ContentFields.Named(path).Set(Drafts.Complete(), "");

        ExpectErrors.Has(Drafts.CheckSubmission(content), path, "required");
    }

    [Theory]
    [MemberData(nameof(ContentFields.RequiredPaths), MemberType = typeof(ContentFields))]
    public void A_required_field_of_only_whitespace_is_refused(string path)
    {
        var content = ContentFields.Named(path).Set(Drafts.Complete(), " \t\u3000 ");

        ExpectErrors.Has(Drafts.CheckSubmission(content), path, "required");
    }

    [Fact]
    public void The_ethics_approval_reference_is_optional()
    {
        ExpectErrors.None(Drafts.CheckSubmission(Drafts.Complete() with { EthicsApprovalReference = null }));
    }

    [Fact]
    public void A_missing_purpose_category_is_refused()
    {
        ExpectErrors.HasOnly(Drafts.CheckSubmission(Drafts.Complete() with { PurposeCategory = null }), "purposeCategory", "required");
    }

    [Fact]
    public void A_missing_output_tier_is_refused()
    {
        ExpectErrors.HasOnly(Drafts.CheckSubmission(Drafts.Complete() with { RequestedTier = null }), "requestedTier", "required");
    }

    [Fact]
    public void A_missing_period_start_is_refused()
    {
        ExpectErrors.HasOnly(Drafts.CheckSubmission(Drafts.Complete() with { PeriodStart = null }), "periodStart", "required");
    }

    [Fact]
    public void A_missing_period_end_is_refused()
    {
        ExpectErrors.HasOnly(Drafts.CheckSubmission(Drafts.Complete() with { PeriodEnd = null }), "periodEnd", "required");
    }

    [Fact]
    public void An_application_without_team_members_is_refused()
    {
        ExpectErrors.HasOnly(Drafts.CheckSubmission(Drafts.Complete() with { Team = [] }), "team", "required");
    }

    [Fact]
    public void An_application_without_datasets_is_refused()
    {
        ExpectErrors.HasOnly(Drafts.CheckSubmission(Drafts.Complete() with { Datasets = [] }), "datasets", "required");
    }

    [Fact]
    public void An_empty_draft_reports_every_missing_field_at_once()
    {
        var errors = Drafts.CheckSubmission(new ApplicationContent());

        foreach (var field in new[]
                 {
                     "title", "laySummary", "scientificAbstract", "purposeDescription", "safeguards", "purposeCategory",
                     "requestedTier", "periodStart", "periodEnd", "team", "datasets",
                 })
            ExpectErrors.Has(errors, field, "required");
        ExpectErrors.Has(errors, "prohibitedUsesDeclined", "declaration-required");
    }
}
