using System.Security.Cryptography;
using System.Text;

namespace Gatekeeper.Domain.Runs;

/// <summary>
/// The normalised form of a query for the audit's <c>queryHash</c>: comments dropped, string and number literals replaced
/// by <c>?</c>, whitespace collapsed and letters folded to lower case (quoted identifiers too), so queries that differ
/// only in constants or layout share one hash (the near-identical-queries alert counts them).
/// </summary>
public static class QueryNormaliser
{
    public static string Normalise(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var b = new StringBuilder(sql.Length);
        var i = 0;
        var pendingSpace = false;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = b.Length > 0;
                i++;
                continue;
            }

            if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                var end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end + 1;
                pendingSpace = b.Length > 0;
                continue;
            }

            if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
                pendingSpace = b.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                b.Append(' ');
                pendingSpace = false;
            }

            if (c == '\'')
            {
                i = SkipQuoted(sql, i, '\'');
                b.Append('?');
            }
            else if (c == '"')
            {
                var end = SkipQuoted(sql, i, '"');
                b.Append(sql, i, end - i);
                i = end;
            }
            else if (char.IsAsciiDigit(c) && (b.Length == 0 || !IsWordChar(b[^1])))
            {
                while (i < sql.Length && (char.IsAsciiLetterOrDigit(sql[i]) || sql[i] is '.' or '_')) i++;
                b.Append('?');
            }
            else
            {
                b.Append(c);
                i++;
            }
        }

        return b.ToString().ToLowerInvariant().TrimEnd(';', ' ');
    }

    /// <summary>SHA-256 (lower-case hex) of <see cref="Normalise"/>.</summary>
    public static string Hash(string sql) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalise(sql))));

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static int SkipQuoted(string sql, int start, char quote)
    {
        var i = start + 1;
        while (i < sql.Length)
        {
            if (sql[i] == quote)
            {
                if (i + 1 < sql.Length && sql[i + 1] == quote)
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return sql.Length;
    }
}
