namespace Gatekeeper.Domain.Organisations;

/// <summary>A person known to the gatekeeper: name, contact, organisation and roles.</summary>
public sealed class UserProfile
{
    public required string Id { get; init; }

    public required string DisplayName { get; set; }

    public required string Email { get; set; }

    public required string OrganisationId { get; set; }

    /// <summary>Role codes from <see cref="Common.Roles"/>.</summary>
    public List<string> Roles { get; set; } = [];
}
