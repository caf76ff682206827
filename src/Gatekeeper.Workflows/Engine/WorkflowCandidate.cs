using Gatekeeper.Domain.Common;

namespace Gatekeeper.Workflows.Engine;

/// <summary>A person who may be given tasks: who they are, their roles, and how many tasks they already have open.</summary>
public sealed record WorkflowCandidate(string UserId, string DisplayName, string Email, string OrganisationId, IReadOnlySet<string> Roles, int OpenTasks)
{
    public Actor ToActor() => new(UserId, DisplayName, Email, OrganisationId, Roles);
}
