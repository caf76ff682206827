using System.Text.RegularExpressions;

namespace Gatekeeper.Audit;

/// <summary>
/// Shape rules every record must meet before it is chained: bounded sizes that fit the store's columns,
/// dotted action codes, and details that are tokens (ids, hashes, codes, numbers) rather than prose or data.
/// </summary>
public static partial class AuditRecordRules
{
    public const int MaxIdLength = 64;
    public const int MaxSubjectIds = 32;
    public const int MaxReasonLength = 2000;
    public const int MaxDetails = 16;
    public const int MaxDetailValueLength = 128;

    /// <summary>Null when the record is well-formed, else what is wrong with it.</summary>
    public static string? Check(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (string.IsNullOrWhiteSpace(record.ActorId) || record.ActorId.Length > MaxIdLength) return $"ActorId must be 1-{MaxIdLength} characters.";
        if (record.ActorRole is { Length: > MaxIdLength }) return $"ActorRole must be at most {MaxIdLength} characters.";
        if (record.OrganisationId is { Length: > MaxIdLength }) return $"OrganisationId must be at most {MaxIdLength} characters.";
        if (record.Action.Length > MaxIdLength || !ActionPattern().IsMatch(record.Action)) return $"Action '{record.Action}' must be a dotted lower-case code such as run.requested.";
        if (record.SubjectType is { Length: > 32 }) return "SubjectType must be at most 32 characters.";
        if (record.SubjectIds.Count > MaxSubjectIds) return $"At most {MaxSubjectIds} subject ids.";
        if (record.SubjectIds.Any(id => id is null || id.Length > MaxIdLength)) return $"Each subject id must be at most {MaxIdLength} characters.";
        if (record.Reason is { Length: > MaxReasonLength }) return $"Reason must be at most {MaxReasonLength} characters.";
        if (record.ClientAddress is { Length: > MaxIdLength }) return $"ClientAddress must be at most {MaxIdLength} characters.";
        if (record.Details is { } details)
        {
            if (details.Count > MaxDetails) return $"At most {MaxDetails} details.";
            foreach (var (key, value) in details)
            {
                if (!KeyPattern().IsMatch(key)) return $"Detail key '{key}' must be a camelCase word of at most 32 characters.";
                if (value is null || !ValuePattern().IsMatch(value))
                    return $"Detail '{key}' must be a token of 1-{MaxDetailValueLength} characters (letters, digits, . _ : / + = @ , -): ids, hashes, codes and numbers only, never prose or data values.";
            }
        }

        return null;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$", RegexOptions.CultureInvariant)]
    private static partial Regex ActionPattern();

    [GeneratedRegex("^[a-z][A-Za-z0-9]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[A-Za-z0-9._:/+=@,-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex ValuePattern();
}
