using System.Collections.Concurrent;

namespace Gatekeeper.Ingest.Exchange;

/// <summary>
/// One column's output values and their integer codes, shared by all parser threads of a file, so a value has the
/// same code in every chunk and DuckDB can find repeated observations on integer columns before decoding strings.
/// Threads reach it only on a miss of their own <see cref="Utf8CodeDictionary"/>, i.e. once per distinct value.
/// </summary>
internal sealed class SharedCodes
{
    /// <summary>The code of an absent output value (a coarsening that removes the variable): stored as NULL.</summary>
    public const int Null = -1;
    private readonly ConcurrentDictionary<string, int> _codes = new(StringComparer.Ordinal);
    private int _next;

    public int Count => _codes.Count;

    public int CodeOf(string? value) => value is null ? Null : _codes.GetOrAdd(value, _ => Interlocked.Increment(ref _next) - 1);

    public IEnumerable<KeyValuePair<string, int>> Entries => _codes;
}
