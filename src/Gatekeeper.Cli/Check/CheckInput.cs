using System.Text.RegularExpressions;

namespace Gatekeeper.Cli.Check;

/// <summary>One <c>--data NAME=FILE</c>: the table name the query uses and a CSV or Parquet file.</summary>
internal sealed partial record CheckInput(string Name, string Path, bool IsCsv)
{
    /// <summary>Parses <c>NAME=FILE</c>; null and a message naming the problem when it is not usable.</summary>
    public static (CheckInput? Input, string? Problem) Parse(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == text.Length - 1)
            return (null, $"--data '{text}': expected NAME=FILE, e.g. --data activity=activity.csv.");
        var name = text[..equals].Trim();
        var path = text[(equals + 1)..].Trim();
        if (!TableName().IsMatch(name))
            return (null, $"--data '{text}': the table name '{name}' must start with a letter or '_' and hold only letters, digits and '_' (at most 64).");
        var extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".csv" or ".parquet"))
            return (null, $"--data '{text}': the file must be .csv or .parquet, not '{extension}'.");
        if (!File.Exists(path))
            return (null, $"--data '{text}': no such file: {path}");
        return (new CheckInput(name, System.IO.Path.GetFullPath(path), extension == ".csv"), null);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex TableName();
}
