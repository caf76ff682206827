namespace Gatekeeper.Domain.Administration;

/// <summary>What an administrator enters for a person: name, contact, organisation and roles.</summary>
public sealed record PersonDetails(string DisplayName, string Email, string OrganisationId, IReadOnlyList<string> Roles);
