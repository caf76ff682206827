namespace Gatekeeper.Domain.Applications;

/// <summary>
/// Everything a researcher writes in an application. Drafts hold partial content; submission
/// requires it complete (<see cref="ApplicationRules.ValidateForSubmission"/>).
/// </summary>
public sealed record ApplicationContent
{
    public string Title { get; init; } = "";

    public string LaySummary { get; init; } = "";

    public string ScientificAbstract { get; init; } = "";

    public string? PurposeCategory { get; init; }

    public string PurposeDescription { get; init; } = "";

    public OutputTier? RequestedTier { get; init; }

    public DateOnly? PeriodStart { get; init; }

    public DateOnly? PeriodEnd { get; init; }

    public string Safeguards { get; init; } = "";

    public string? EthicsApprovalReference { get; init; }

    /// <summary>The applicant affirms the data will not be used for any prohibited use.</summary>
    public bool ProhibitedUsesDeclined { get; init; }

    public List<TeamMember> Team { get; init; } = [];

    public List<DatasetRequest> Datasets { get; init; } = [];
}
