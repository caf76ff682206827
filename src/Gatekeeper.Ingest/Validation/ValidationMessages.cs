using System.Globalization;
using Gatekeeper.Ingest.Exchange;

namespace Gatekeeper.Ingest.Validation;

/// <summary>Plain-language explanations of a broken rule for a field, written into the report.</summary>
public static class ValidationMessages
{
    public static string Describe(FieldSpec? field, string rule, int expectedColumns = 0) => rule switch
    {
        ValidationRules.Required => $"{field?.Name} is required (●) and was empty.",
        ValidationRules.Digits => $"{field?.Name} must be an unsigned whole number of at most {field?.MaxLength} digits.",
        ValidationRules.DecimalFormat => $"{field?.Name} must be a number written {new string('X', field?.MaxLength ?? 0)}.{new string('X', field?.FractionDigits ?? 0)} (at most {field?.MaxLength} digits before and {field?.FractionDigits} after the point).",
        ValidationRules.Range => field?.Kind == FieldKind.YearMonth6
            ? $"{field.Name} lies after the coarsening policy's reference date."
            : string.Create(CultureInfo.InvariantCulture, $"{field?.Name} must lie between {field?.Min?.ToString() ?? "0"} and {field?.Max?.ToString() ?? "the digit limit"}."),
        ValidationRules.DateTime => $"{field?.Name} must be a real {Pattern(field)} date/time (Japan Standard Time).",
        ValidationRules.CodeList => $"{field?.Name} must be one of {string.Join(", ", field?.Codes ?? [])}.",
        ValidationRules.Length => $"{field?.Name} may have at most {field?.MaxLength} characters.",
        ValidationRules.Encoding => $"{field?.Name} holds bytes that are not valid text in the file's encoding.",
        ValidationRules.Columns => $"The row must have {expectedColumns} comma-separated fields like the header.",
        ValidationRules.Quoting => "A quoted field is not closed, or characters follow its closing quote.",
        ValidationRules.LineLength => "The line is longer than 1 MiB.",
        ValidationRules.Residence => $"{field?.Name} must be a JIS X 0401 prefecture code (01-47) or a 5/6-digit local-government code.",
        ValidationRules.Purpose => $"{field?.Name} must be a purpose code of policies/purposes.yaml for consent actions 3 and 4, and empty for 1 and 2.",
        _ => rule,
    };

    private static string Pattern(FieldSpec? field) => field?.Kind switch
    {
        FieldKind.DateTime14 => "yyyyMMddHHmmss",
        FieldKind.DateTime17 => "yyyyMMddHHmmssSSS",
        FieldKind.YearMonth6 => "yyyyMM",
        _ => "yyyyMMdd",
    };
}
