using Gatekeeper.Data.Seeding;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Organisations;
using Gatekeeper.Testing;

namespace Gatekeeper.Domain.Tests.Support;

/// <summary>Applications in known states, built through the domain's own operations.</summary>
public static class Drafts
{
    /// <summary>Content that passes every submission rule for Sato (university hospital, public-interest purpose, aggregate statistics).</summary>
    public static ApplicationContent Complete() => new()
    {
        Title = "Daily steps and HbA1c in pre-diabetes",
        LaySummary = "We look at whether people who walk more have better blood sugar, using only counts and averages.",
        ScientificAbstract = "Association between mean daily step count and the 3-month change in HbA1c, by consortium.",
        PurposeCategory = "public-interest",
        PurposeDescription = "Evidence for workplace health-guidance policy.",
        RequestedTier = OutputTier.AggregateStatistics,
        PeriodStart = World.Today,
        PeriodEnd = World.Today.AddMonths(12),
        Safeguards = "Analysis only inside the visiting environment; every output passes disclosure control.",
        EthicsApprovalReference = "UTH-IRB-2026-0412",
        ProhibitedUsesDeclined = true,
        Team =
        [
            new TeamMember { Name = "Hanako Sato", Email = "sato@u-tokyo-hosp.example", Organisation = "Tokyo University Hospital", ProjectRole = "Principal investigator" },
            new TeamMember { Name = "Kenji Mori", Email = "mori@u-tokyo-hosp.example", Organisation = "Tokyo University Hospital", ProjectRole = "Analyst" },
        ],
        Datasets =
        [
            new DatasetRequest
            {
                DatasetId = DiabetesPreventionCatalogue.DatasetId,
                Variables =
                [
                    new VariableRequest { Table = "participants", Name = "consortium_id", Justification = "Results are compared between consortia." },
                    new VariableRequest { Table = "activity", Name = "step", Justification = "Daily steps are the exposure of the study." },
                    new VariableRequest { Table = "hba1c", Name = "hba1c", Justification = "HbA1c change is the primary outcome." },
                ],
            },
        ],
    };

    /// <summary>Replaces the first variable request of the first dataset.</summary>
    public static ApplicationContent WithFirstVariable(this ApplicationContent content, Func<VariableRequest, VariableRequest> change) =>
        content with
        {
            Datasets =
            [
                content.Datasets[0] with { Variables = [change(content.Datasets[0].Variables[0]), .. content.Datasets[0].Variables.Skip(1)] },
                .. content.Datasets.Skip(1),
            ],
        };

    /// <summary>Replaces the first team member.</summary>
    public static ApplicationContent WithFirstMember(this ApplicationContent content, Func<TeamMember, TeamMember> change) =>
        content with { Team = [change(content.Team[0]), .. content.Team.Skip(1)] };

    /// <summary>Adds a variable request to the first dataset.</summary>
    public static ApplicationContent WithExtraVariable(this ApplicationContent content, string table, string name, string justification = "Needed for the primary analysis.") =>
        content with
        {
            Datasets =
            [
                content.Datasets[0] with { Variables = [.. content.Datasets[0].Variables, new VariableRequest { Table = table, Name = name, Justification = justification }] },
                .. content.Datasets.Skip(1),
            ],
        };

    public static SecondaryUseApplication Start(ApplicationContent? content = null, Actor? applicant = null, DateTimeOffset? at = null)
    {
        var result = SecondaryUseApplication.StartDraft(applicant ?? TestActors.Sato, "GK-2026-TEST01", content ?? Complete(), at ?? World.Now);
        Assert.True(result.Succeeded, $"The draft should start: {string.Join("; ", result.Errors)}");
        return result.Value!;
    }

    public static SecondaryUseApplication Submitted(ApplicationContent? content = null, Actor? applicant = null)
    {
        var actor = applicant ?? TestActors.Sato;
        var app = Start(content, actor, World.Now.AddHours(-2));
        var result = app.Submit(actor, World.Catalogue, World.Policy, World.OrganisationOf(actor), app.ConcurrencyStamp, World.Now.AddHours(-1));
        Assert.True(result.Succeeded, $"The application should submit: {result}");
        return app;
    }

    public static ApplicationAttachment Protocol(SecondaryUseApplication app, string sha256 = "0f343b0931126a20f133d67c2b018a3b5b5b1c6b2d2c6b3b0c9e9e7d1c2a3b4c") => new()
    {
        ApplicationId = app.Id,
        Kind = ApplicationRules.ProtocolAttachmentKind,
        FileName = "protocol.pdf",
        ContentType = "application/pdf",
        SizeBytes = 1234,
        Sha256 = sha256,
        UploadedAt = World.Now,
        UploadedBy = app.ApplicantId,
    };

    /// <summary>The full submission check, as of <see cref="World.Today"/>.</summary>
    public static IReadOnlyList<ValidationError> CheckSubmission(ApplicationContent content, Organisation? organisation = null, params ApplicationAttachment[] attachments) =>
        ApplicationRules.ValidateForSubmission(content, World.Catalogue, World.Policy, organisation ?? World.Hospital, attachments, World.Today);
}
