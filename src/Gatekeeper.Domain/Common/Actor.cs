namespace Gatekeeper.Domain.Common;

/// <summary>The authenticated person performing an action, as the domain needs to know them.</summary>
public sealed record Actor(string UserId, string DisplayName, string Email, string OrganisationId, IReadOnlySet<string> Roles)
{
    /// <summary>Network address the action came from, for the audit trail (null when unknown).</summary>
    public string? ClientAddress { get; init; }

    public bool IsInRole(string role) => Roles.Contains(role);
}
