using System.Globalization;

namespace Gatekeeper.Workflows.Guards;

/// <summary>Splits a guard expression into tokens; refuses any character the language does not know.</summary>
internal static class GuardLexer
{
    private static readonly string[] Symbols = ["==", "!=", "<=", ">=", "<", ">", "(", ")", "[", "]", ",", "+", "-"];

    public static List<GuardToken> Tokenize(string source)
    {
        var tokens = new List<GuardToken>();
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var column = i + 1;
            if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < source.Length && (char.IsAsciiLetterOrDigit(source[i]) || source[i] is '_' or '.')) i++;
                var name = source[start..i];
                if (name.EndsWith('.') || name.Contains("..", StringComparison.Ordinal))
                    throw new GuardSyntaxException($"malformed name '{name}'", column);
                tokens.Add(new GuardToken(GuardTokenKind.Name, name, column));
            }
            else if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < source.Length && (char.IsAsciiDigit(source[i]) || source[i] == '.')) i++;
                var text = source[start..i];
                if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                    throw new GuardSyntaxException($"malformed number '{text}'", column);
                tokens.Add(new GuardToken(GuardTokenKind.Number, text, column, number));
            }
            else if (c == '\'')
            {
                var end = source.IndexOf('\'', i + 1);
                if (end < 0) throw new GuardSyntaxException("text not closed with '", column);
                tokens.Add(new GuardToken(GuardTokenKind.Text, source[(i + 1)..end], column));
                i = end + 1;
            }
            else
            {
                var symbol = Symbols.FirstOrDefault(s => string.CompareOrdinal(source, i, s, 0, s.Length) == 0)
                             ?? throw new GuardSyntaxException($"unexpected character '{c}'", column);
                tokens.Add(new GuardToken(GuardTokenKind.Symbol, symbol, column));
                i += symbol.Length;
            }
        }

        tokens.Add(new GuardToken(GuardTokenKind.End, "", source.Length + 1));
        return tokens;
    }
}
