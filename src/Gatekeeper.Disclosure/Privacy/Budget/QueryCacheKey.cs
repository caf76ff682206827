using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Gatekeeper.Disclosure.Privacy.Budget;

/// <summary>
/// Identifies "the same query re-asked": a SHA-256 over the normalised query text and its parameters
/// (sorted by name), which must include everything that fixes the answer (dataset version, policy hash,
/// the privacy parameters). A re-asked query gets its cached noisy answer back at no cost; fresh noise
/// for the same query would let noise be averaged away.
/// </summary>
public sealed record QueryCacheKey
{
    private QueryCacheKey(string value) => Value = value;

    public string Value { get; }

    /// <summary>Rebuilds a key from its stored text.</summary>
    public static QueryCacheKey FromStored(string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length != 64 || !value.All(Uri.IsHexDigit)) throw new ArgumentException("A query cache key is 64 hex digits.", nameof(value));
        return new QueryCacheKey(value.ToLowerInvariant());
    }

    public static QueryCacheKey Create(string query, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(parameters);
        var text = new StringBuilder(Normalise(query));
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            // Length-prefixed, so no parameter can imitate another.
            text.Append('\n').Append(name.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(name)
                .Append('=').Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
        }

        return new QueryCacheKey(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))));
    }

    /// <summary>
    /// Comments dropped, whitespace runs collapsed to one space, letters lower-cased and trailing semicolons
    /// removed, all outside quotes ('…' literals and "…" identifiers are kept exactly).
    /// </summary>
    public static string Normalise(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var output = new StringBuilder(query.Length);
        var pendingSpace = false;
        for (var i = 0; i < query.Length; i++)
        {
            var c = query[i];
            if (c == '-' && i + 1 < query.Length && query[i + 1] == '-')
            {
                while (i < query.Length && query[i] != '\n') i++;
                pendingSpace = true;
                continue;
            }

            if (c == '/' && i + 1 < query.Length && query[i + 1] == '*')
            {
                var end = query.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? query.Length : end + 1;
                pendingSpace = true;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace && output.Length > 0) output.Append(' ');
            pendingSpace = false;
            if (c is '\'' or '"')
            {
                // Copy the quoted run verbatim; a doubled quote is an escaped one.
                var start = i;
                i++;
                while (i < query.Length && !(query[i] == c && (i + 1 >= query.Length || query[i + 1] != c)))
                    i += query[i] == c ? 2 : 1;
                output.Append(query, start, Math.Min(i, query.Length - 1) - start + 1);
                continue;
            }

            output.Append(char.ToLowerInvariant(c));
        }

        return output.ToString().TrimEnd(';', ' ');
    }

    public override string ToString() => Value;
}
