using System.Globalization;

namespace Gatekeeper.Disclosure.Privacy.Planning;

/// <summary>Quoting for the DuckDB dialect: identifiers in double quotes, strings in single quotes (doubled inside), doubles exactly.</summary>
public static class DuckDbSql
{
    public static string Identifier(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('\0', StringComparison.Ordinal)) throw new ArgumentException("An identifier cannot contain NUL.", nameof(name));
        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public static string StringLiteral(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\0', StringComparison.Ordinal)) throw new ArgumentException("A string literal cannot contain NUL.", nameof(value));
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <summary>A DOUBLE literal that parses back to exactly this double (shortest round-trip text, cast from a string).</summary>
    public static string DoubleLiteral(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"{value} is not a finite number.", nameof(value));
        return "CAST('" + value.ToString("R", CultureInfo.InvariantCulture) + "' AS DOUBLE)";
    }
}
