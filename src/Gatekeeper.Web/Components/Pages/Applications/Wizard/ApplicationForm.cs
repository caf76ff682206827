using Gatekeeper.Domain.Applications;

namespace Gatekeeper.Web.Components.Pages.Applications.Wizard;

/// <summary>
/// The wizard's editable copy of <see cref="ApplicationContent"/>. Form inputs bind to mutable
/// properties; the domain record is rebuilt from it for validation and saving.
/// </summary>
public sealed class ApplicationForm
{
    public string Title { get; set; } = "";

    public string LaySummary { get; set; } = "";

    public string ScientificAbstract { get; set; } = "";

    public string? PurposeCategory { get; set; }

    public string PurposeDescription { get; set; } = "";

    public bool ProhibitedUsesDeclined { get; set; }

    public OutputTier? RequestedTier { get; set; }

    /// <summary>Date pickers work with <see cref="DateTime"/>; only the date part is kept.</summary>
    public DateTime? PeriodStart { get; set; }

    public DateTime? PeriodEnd { get; set; }

    public string Safeguards { get; set; } = "";

    public string EthicsApprovalReference { get; set; } = "";

    public List<TeamMemberForm> Team { get; set; } = [];

    public List<DatasetForm> Datasets { get; set; } = [];

    public ApplicationContent ToContent() => new()
    {
        Title = Title,
        LaySummary = LaySummary,
        ScientificAbstract = ScientificAbstract,
        PurposeCategory = PurposeCategory,
        PurposeDescription = PurposeDescription,
        ProhibitedUsesDeclined = ProhibitedUsesDeclined,
        RequestedTier = RequestedTier,
        PeriodStart = PeriodStart is { } start ? DateOnly.FromDateTime(start) : null,
        PeriodEnd = PeriodEnd is { } end ? DateOnly.FromDateTime(end) : null,
        Safeguards = Safeguards,
        EthicsApprovalReference = string.IsNullOrWhiteSpace(EthicsApprovalReference) ? null : EthicsApprovalReference,
        Team = Team.Select(m => new TeamMember { Name = m.Name, Email = m.Email, Organisation = m.Organisation, ProjectRole = m.ProjectRole }).ToList(),
        Datasets = Datasets.Select(d => new DatasetRequest
        {
            DatasetId = d.DatasetId,
            Variables = d.Variables.Select(v => new VariableRequest { Table = v.Table, Name = v.Name, Justification = v.Justification }).ToList(),
        }).ToList(),
    };

    public static ApplicationForm From(ApplicationContent content) => new()
    {
        Title = content.Title,
        LaySummary = content.LaySummary,
        ScientificAbstract = content.ScientificAbstract,
        PurposeCategory = content.PurposeCategory,
        PurposeDescription = content.PurposeDescription,
        ProhibitedUsesDeclined = content.ProhibitedUsesDeclined,
        RequestedTier = content.RequestedTier,
        PeriodStart = content.PeriodStart?.ToDateTime(TimeOnly.MinValue),
        PeriodEnd = content.PeriodEnd?.ToDateTime(TimeOnly.MinValue),
        Safeguards = content.Safeguards,
        EthicsApprovalReference = content.EthicsApprovalReference ?? "",
        Team = content.Team.Select(m => new TeamMemberForm { Name = m.Name, Email = m.Email, Organisation = m.Organisation, ProjectRole = m.ProjectRole }).ToList(),
        Datasets = content.Datasets.Select(d => new DatasetForm
        {
            DatasetId = d.DatasetId,
            Variables = d.Variables.Select(v => new VariableForm { Table = v.Table, Name = v.Name, Justification = v.Justification }).ToList(),
        }).ToList(),
    };
}
