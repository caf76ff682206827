using System.Net.Mail;
using System.Text.RegularExpressions;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Organisations;

namespace Gatekeeper.Domain.Administration;

/// <summary>
/// Rules for managing people, organisations and accreditations. Besides well-formed input, they keep
/// administration itself under four eyes: nobody changes their own roles, locks themselves out or
/// resets their own MFA, and the last administrator cannot be removed.
/// </summary>
public static partial class AdministrationRules
{
    public const int MaxNameLength = 200;

    public static IReadOnlyList<ValidationError> CheckPerson(PersonDetails person, IReadOnlySet<string> organisationIds)
    {
        var errors = new List<ValidationError>();
        Required(errors, "displayName", person.DisplayName, "Name");
        if (person.DisplayName.Length > MaxNameLength)
            errors.Add(ValidationError.Create("displayName", "too-long", $"Name: at most {MaxNameLength} characters.", ("max", MaxNameLength)));
        if (!IsEmail(person.Email))
            errors.Add(ValidationError.Create("email", "email-format", "E-mail: enter an address such as name@example.jp."));
        if (!organisationIds.Contains(person.OrganisationId))
            errors.Add(ValidationError.Create("organisationId", "unknown-organisation", "Organisation: choose one from the list.", ("value", person.OrganisationId)));
        if (person.Roles.Count == 0)
            errors.Add(ValidationError.Create("roles", "required", "Roles: give the person at least one role."));
        foreach (var role in person.Roles.Where(r => !Roles.All.Contains(r)))
            errors.Add(ValidationError.Create("roles", "unknown-role", $"Roles: '{role}' is not a Gatekeeper role.", ("value", role)));
        return errors;
    }

    public static IReadOnlyList<ValidationError> CheckOrganisation(Organisation organisation, bool isNew, IReadOnlySet<string> existingIds)
    {
        var errors = new List<ValidationError>();
        if (!OrganisationId().IsMatch(organisation.Id))
            errors.Add(ValidationError.Create("code", "id-format", "Code: 2–40 lower-case letters, digits or hyphens, starting with a letter."));
        else if (isNew && existingIds.Contains(organisation.Id))
            errors.Add(ValidationError.Create("code", "duplicate", $"Code: '{organisation.Id}' is already used.", ("value", organisation.Id)));
        Required(errors, "name", organisation.Name, "Name");
        if (organisation.Name.Length > MaxNameLength || (organisation.NameJa?.Length ?? 0) > MaxNameLength)
            errors.Add(ValidationError.Create("name", "too-long", $"Name: at most {MaxNameLength} characters.", ("max", MaxNameLength)));
        return errors;
    }

    public static IReadOnlyList<ValidationError> CheckAccreditation(AccreditationDetails record, IReadOnlyCollection<string> knownKinds)
    {
        var errors = new List<ValidationError>();
        if (!knownKinds.Contains(record.Kind))
            errors.Add(ValidationError.Create("kind", "unknown-kind", "Kind: choose one from the accreditation policy.", ("value", record.Kind)));
        if (record.ValidUntil < record.ValidFrom)
            errors.Add(ValidationError.Create("validUntil", "before-start", "Valid until: must not be before 'valid from'."));
        Required(errors, "issuer", record.Issuer, "Issuer");
        return errors;
    }

    /// <summary>Refuses a change an administrator makes to their own account (roles, lock, MFA reset).</summary>
    public static IReadOnlyList<ValidationError> CheckNotSelf(Actor admin, string targetUserId, string field) =>
        admin.UserId == targetUserId
            ? [ValidationError.Create(field, "self-administration", "Another administrator must make this change to your own account.")]
            : [];

    /// <summary>Refuses removing the admin role from (or locking) the last active administrator.</summary>
    public static IReadOnlyList<ValidationError> CheckAdministratorsRemain(int activeAdministratorsAfterChange) =>
        activeAdministratorsAfterChange > 0
            ? []
            : [ValidationError.Create("roles", "last-administrator", "At least one active administrator must remain.")];

    private static void Required(List<ValidationError> errors, string field, string value, string label)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(ValidationError.Create(field, "required", $"{label}: required."));
    }

    private static bool IsEmail(string value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= 254 && MailAddress.TryCreate(value.Trim(), out var parsed) && parsed.Address == value.Trim()
        && parsed.Host.Contains('.', StringComparison.Ordinal);

    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$")]
    private static partial Regex OrganisationId();
}
