namespace Gatekeeper.Ingest.Validation;

/// <summary>Names of the rules a rejected row can break, as they appear in the report's <c>rule</c> column.</summary>
public static class ValidationRules
{
    /// <summary>A ● field is empty.</summary>
    public const string Required = "required";

    /// <summary>A number has a non-digit, a sign, or more digits than the format allows.</summary>
    public const string Digits = "digits";

    /// <summary>A decimal is not XXXX.X.</summary>
    public const string DecimalFormat = "decimal-format";

    /// <summary>A number lies outside the plausible range.</summary>
    public const string Range = "range";

    /// <summary>A date or time is not yyyyMMdd[HHmmss[SSS]] or not a real date.</summary>
    public const string DateTime = "datetime";

    /// <summary>A code is not in the code list.</summary>
    public const string CodeList = "code-list";

    /// <summary>Text longer than the format allows.</summary>
    public const string Length = "length";

    /// <summary>Bytes that are not text in the file's encoding.</summary>
    public const string Encoding = "encoding";

    /// <summary>A row with more or fewer fields than the header.</summary>
    public const string Columns = "columns";

    /// <summary>A quoted field that is not closed or is followed by other characters.</summary>
    public const string Quoting = "quoting";

    /// <summary>A line longer than 1 MiB.</summary>
    public const string LineLength = "line-length";

    /// <summary>A residence that is not a prefecture (01-47) or local-government code.</summary>
    public const string Residence = "residence";

    /// <summary>A purpose code not in policies/purposes.yaml, or one given where none belongs.</summary>
    public const string Purpose = "purpose";

    /// <summary>The header does not match a record type of the format (file-level).</summary>
    public const string Header = "header";

    /// <summary>The file holds no data rows (file-level).</summary>
    public const string Empty = "empty";
}
