using Gatekeeper.Data.Seeding;
using Gatekeeper.Domain.Applications;

namespace Gatekeeper.Testing;

/// <summary>Application content that passes every submission rule for the demo catalogue and policy.</summary>
public static class SampleContent
{
    public static ApplicationContent Complete(DateOnly today, string email = "sato@u-tokyo-hosp.example") => new()
    {
        Title = "Daily steps and HbA1c in pre-diabetes",
        LaySummary = "We look at whether people who walk more have better blood sugar, using only counts and averages.",
        ScientificAbstract = "Association between mean daily steps and 3-month HbA1c change, by consortium.",
        PurposeCategory = "public-interest",
        PurposeDescription = "Evidence for workplace health-guidance policy.",
        RequestedTier = OutputTier.AggregateStatistics,
        PeriodStart = today,
        PeriodEnd = today.AddMonths(12),
        Safeguards = "Visiting environment only; outputs checked.",
        ProhibitedUsesDeclined = true,
        Team = [new TeamMember { Name = "Hanako Sato", Email = email, Organisation = "Tokyo University Hospital", ProjectRole = "PI" }],
        Datasets =
        [
            new DatasetRequest
            {
                DatasetId = DiabetesPreventionCatalogue.DatasetId,
                Variables =
                [
                    new VariableRequest { Table = "activity", Name = "step", Justification = "Daily steps are the exposure." },
                    new VariableRequest { Table = "hba1c", Name = "hba1c", Justification = "HbA1c change is the outcome." },
                ],
            },
        ],
    };

    /// <summary>A tiny but well-formed PDF document.</summary>
    public static byte[] Pdf(string text = "Study protocol") =>
        System.Text.Encoding.ASCII.GetBytes(
            "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
            + $"% {text}\ntrailer<</Root 1 0 R>>\n%%EOF\n");
}
