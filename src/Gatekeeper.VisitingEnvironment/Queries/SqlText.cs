using System.Globalization;
using System.Text;

namespace Gatekeeper.VisitingEnvironment.Queries;

/// <summary>
/// Just enough lexing of SQL text to name what a statement is before DuckDB parses it: statements are split at
/// semicolons outside quotes, dollar quotes and comments, and each one's first keyword is read. DuckDB's
/// <c>json_serialize_sql</c> refuses non-SELECT statements without saying which, so this tells the researcher.
/// </summary>
internal static class SqlText
{
    /// <summary>The statements of the text (without their semicolons), empty ones left out.</summary>
    public static IReadOnlyList<string> Statements(string sql)
    {
        var statements = new List<string>();
        var start = 0;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c is '\'' or '"')
            {
                i = SkipQuoted(sql, i, c);
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                var end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end + 1;
            }
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
            }
            else if (c == '$' && DollarTag(sql, i) is { } tag)
            {
                var end = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + tag.Length;
            }
            else if (c == ';')
            {
                Add(sql[start..i]);
                start = ++i;
            }
            else
            {
                i++;
            }
        }

        Add(sql[start..]);
        return statements;

        void Add(string statement)
        {
            if (LeadingKeyword(statement).Length > 0 || statement.Any(ch => !char.IsWhiteSpace(ch) && ch != ';')) statements.Add(statement.Trim());
        }
    }

    /// <summary>The first word of a statement in upper case (after comments and opening parentheses), or "".</summary>
    public static string LeadingKeyword(string statement)
    {
        var i = 0;
        while (i < statement.Length)
        {
            var c = statement[i];
            if (char.IsWhiteSpace(c) || c == '(')
            {
                i++;
            }
            else if (c == '-' && i + 1 < statement.Length && statement[i + 1] == '-')
            {
                var end = statement.IndexOf('\n', i);
                i = end < 0 ? statement.Length : end + 1;
            }
            else if (c == '/' && i + 1 < statement.Length && statement[i + 1] == '*')
            {
                var end = statement.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? statement.Length : end + 2;
            }
            else
            {
                break;
            }
        }

        var word = new StringBuilder();
        while (i < statement.Length && (char.IsLetter(statement[i]) || statement[i] == '_')) word.Append(statement[i++]);
        return word.ToString().ToUpper(CultureInfo.InvariantCulture);
    }

    private static int SkipQuoted(string sql, int i, char quote)
    {
        i++;
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

    private static string? DollarTag(string sql, int i)
    {
        var j = i + 1;
        while (j < sql.Length && (char.IsLetterOrDigit(sql[j]) || sql[j] == '_')) j++;
        return j < sql.Length && sql[j] == '$' ? sql[i..(j + 1)] : null;
    }
}
