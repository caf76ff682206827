namespace Gatekeeper.Ingest.Storage;

/// <summary>RFC 4180 text for the CSV files the gatekeeper writes itself (validation reports, protected release tables).</summary>
public static class CsvText
{
    /// <summary>A field, quoted only when it holds a comma, quote or line break.</summary>
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>One record, fields escaped, ended by a line feed.</summary>
    public static string Line(IEnumerable<string> fields) => string.Join(',', fields.Select(Field)) + "\n";
}
