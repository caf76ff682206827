using System.Text.RegularExpressions;

namespace Gatekeeper.VisitingEnvironment.Worker;

/// <summary>
/// DuckDB's error messages can quote data ("Could not convert string 'A123' to INT32"). Before a message reaches
/// the log or the researcher, quoted literals that are not in the query text are masked, and for conversion and
/// range errors so are numbers; identifiers (double-quoted) and the query's own text stay, so the message still
/// helps fix the query.
/// </summary>
public static partial class ErrorSanitiser
{
    public const string Mask = "'…'";

    public static string Sanitise(string message, string queryText)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = message.Replace("DuckDB.NET.Data.DuckDBException", "", StringComparison.Ordinal).Trim();
        text = QuotedLiteral().Replace(text, m => queryText.Contains(m.Value, StringComparison.Ordinal) ? m.Value : Mask);
        if (text.StartsWith("Conversion Error", StringComparison.Ordinal) || text.StartsWith("Out of Range Error", StringComparison.Ordinal)
            || text.StartsWith("Invalid Input Error", StringComparison.Ordinal))
        {
            text = Number().Replace(text, m => queryText.Contains(m.Value, StringComparison.Ordinal) ? m.Value : "…");
        }

        return text.Length > 2000 ? text[..2000] + " …" : text;
    }

    [GeneratedRegex("'(?:[^']|'')*'")]
    private static partial Regex QuotedLiteral();

    [GeneratedRegex(@"(?<![\w.])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w.])")]
    private static partial Regex Number();
}
