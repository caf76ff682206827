using System.Runtime.CompilerServices;
namespace Gatekeeper.Ingest.Exchange;

/// <summary>
/// Splits one CSV line (without its line break) into field ranges without allocating. Lines without a quote take a
/// fast path of vectorised comma searches; quoted fields (RFC 4180, "" for a quote) are unescaped into a scratch buffer.
/// Fields are trimmed of surrounding spaces and tabs.
/// </summary>
internal static class CsvSplitter
{
    public const int Malformed = -1;

    /// <summary>
    /// Field count (at most <paramref name="starts"/>.Length + 1, meaning "too many"), or <see cref="Malformed"/>.
    /// <paramref name="data"/> is the line itself or, when it had quotes, the unescaped copy in <paramref name="scratch"/>.
    /// </summary>
    // Hot path of a short-lived import: compile optimised at once instead of starting in tier 0.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Split(ReadOnlySpan<byte> line, Span<int> starts, Span<int> lengths, byte[] scratch, out ReadOnlySpan<byte> data)
    {
        if (line.IndexOf((byte)'"') < 0)
        {
            data = line;
            return SplitPlain(line, starts, lengths);
        }

        var count = SplitQuoted(line, starts, lengths, scratch, out var used);
        data = scratch.AsSpan(0, used);
        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]

    private static int SplitPlain(ReadOnlySpan<byte> line, Span<int> starts, Span<int> lengths)
    {
        var count = 0;
        var position = 0;
        while (true)
        {
            var comma = line[position..].IndexOf((byte)',');
            var end = comma < 0 ? line.Length : position + comma;
            if (count == starts.Length) return count + 1;
            Trim(line, position, end, out starts[count], out lengths[count]);
            count++;
            if (comma < 0) return count;
            position = end + 1;
        }
    }

    private static int SplitQuoted(ReadOnlySpan<byte> line, Span<int> starts, Span<int> lengths, byte[] scratch, out int used)
    {
        used = 0;
        var count = 0;
        var i = 0;
        while (true)
        {
            if (count == starts.Length) return count + 1;
            while (i < line.Length && line[i] is (byte)' ' or (byte)'\t') i++;
            var start = used;
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length) return Malformed;
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            scratch[used++] = (byte)'"';
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    scratch[used++] = line[i++];
                }

                while (i < line.Length && line[i] is (byte)' ' or (byte)'\t') i++;
                if (i < line.Length && line[i] != ',') return Malformed;
                starts[count] = start;
                lengths[count] = used - start;
            }
            else
            {
                var comma = line[i..].IndexOf((byte)',');
                var end = comma < 0 ? line.Length : i + comma;
                if (line[i..end].IndexOf((byte)'"') >= 0) return Malformed;
                line[i..end].CopyTo(scratch.AsSpan(used));
                used += end - i;
                Trim(scratch, start, used, out starts[count], out lengths[count]);
                i = end;
            }

            count++;
            if (i >= line.Length) return count;
            i++; // the comma
        }
    }

    private static void Trim(ReadOnlySpan<byte> data, int start, int end, out int trimmedStart, out int length)
    {
        while (start < end && data[start] is (byte)' ' or (byte)'\t') start++;
        while (end > start && data[end - 1] is (byte)' ' or (byte)'\t') end--;
        trimmedStart = start;
        length = end - start;
    }
}
