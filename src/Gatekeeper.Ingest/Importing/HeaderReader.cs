using System.Text;
using Gatekeeper.Ingest.Exchange;

namespace Gatekeeper.Ingest.Importing;

/// <summary>Reads the header row of a UTF-8 file (BOM skipped) and where the data rows start.</summary>
internal static class HeaderReader
{
    public static (IReadOnlyList<string> Columns, long DataStart) Read(string utf8Path)
    {
        using var handle = File.OpenHandle(utf8Path);
        var probe = new byte[64 * 1024];
        var read = RandomAccess.Read(handle, probe, 0);
        var span = probe.AsSpan(0, read);
        var skip = span.StartsWith(TextEncodings.Utf8Bom) ? 3 : 0;
        var newline = span.IndexOf((byte)'\n');
        var end = newline < 0 ? read : newline;
        var line = span[skip..end];
        if (line.Length > 0 && line[^1] == '\r') line = line[..^1];
        var columns = line.IsEmpty ? [] : Encoding.UTF8.GetString(line).Split(',').Select(c => c.Trim().Trim('"')).ToArray();
        return (columns, newline < 0 ? read : newline + 1);
    }
}
