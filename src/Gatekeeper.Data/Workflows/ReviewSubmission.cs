using Gatekeeper.Domain.Reviews;

namespace Gatekeeper.Data.Workflows;

/// <summary>A reviewer's review: the ELSI checklist, the recommendation (their vote), comments and proposed conditions.</summary>
public sealed record ReviewSubmission
{
    public required ReviewDecision Recommendation { get; init; }

    public required ElsiChecklist Checklist { get; init; }

    public string? Comments { get; init; }

    public IReadOnlyList<string> Conditions { get; init; } = [];
}
