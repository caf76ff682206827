using System.Diagnostics;
using System.Globalization;

namespace Gatekeeper.Enclave;

/// <summary>
/// The worker's log: lines composed by the worker's own code (counts, names of tables and variables, timings, rule
/// names), never data values; DuckDB messages go through <see cref="ErrorSanitiser"/> first.
/// </summary>
public sealed class SanitisedLog
{
    private readonly List<string> _lines = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public IReadOnlyList<string> Lines => _lines;

    public void Write(string message) =>
        _lines.Add($"{_clock.Elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture),8} ms  {message}");
}
