using Gatekeeper.Domain.Permits;
using Gatekeeper.Domain.Reviews;
using Gatekeeper.Workflows.Definitions;
using Gatekeeper.Workflows.Engine;
using Gatekeeper.Workflows.Runtime;

namespace Gatekeeper.Data.Workflows;

/// <summary>
/// Everything the review form shows beside the application: where the review stands, its tasks and
/// full history, the votes so far (hidden from a reviewer until they have voted themselves), the risk
/// and why, and what the caller can do now.
/// </summary>
public sealed record ReviewDetail
{
    public required WorkflowInstance Instance { get; init; }

    public required StateDefinition State { get; init; }

    public required WorkflowDefinition Definition { get; init; }

    public required IReadOnlyList<WorkflowTask> Tasks { get; init; }

    public required IReadOnlyList<WorkflowStep> History { get; init; }

    public required IReadOnlyList<Review> Reviews { get; init; }

    public required VoteTally Tally { get; init; }

    public required IReadOnlyList<RiskContribution> RiskContributions { get; init; }

    public required IReadOnlyList<string> HighRiskRules { get; init; }

    public required IReadOnlyList<AvailableAction> Actions { get; init; }

    public bool CanExtendDeadline { get; init; }

    public ApplicationDecision? Decision { get; init; }

    public DataPermit? Permit { get; init; }
}
