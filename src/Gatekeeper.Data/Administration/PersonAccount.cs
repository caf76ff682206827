namespace Gatekeeper.Data.Administration;

/// <summary>A person as the administration pages list them: directory entry, credential state and accreditations.</summary>
public sealed record PersonAccount(
    string Id,
    string DisplayName,
    string Email,
    string OrganisationId,
    IReadOnlyList<string> Roles,
    bool MfaEnabled,
    DateTimeOffset? LockedUntil,
    bool MustChangePassword,
    IReadOnlyList<AccreditationRecord> Accreditations);
