namespace Gatekeeper.Ingest.Importing;

/// <summary>Cuts a file into byte ranges that each start at the beginning of a line, one per parser thread.</summary>
internal static class ChunkPlanner
{
    /// <summary>Below this a second thread costs more than it saves.</summary>
    public const long MinChunkBytes = 4 << 20;

    public static IReadOnlyList<(long Start, long End)> Plan(string path, long dataStart, int maxChunks)
    {
        using var handle = File.OpenHandle(path);
        var length = RandomAccess.GetLength(handle);
        var count = (int)Math.Clamp((length - dataStart) / MinChunkBytes, 1, Math.Max(1, maxChunks));
        var bounds = new List<long> { dataStart };
        var probe = new byte[64 * 1024];
        for (var k = 1; k < count; k++)
        {
            var position = dataStart + (length - dataStart) * k / count;
            var boundary = NextLineStart(handle, position, length, probe);
            if (boundary > bounds[^1] && boundary < length) bounds.Add(boundary);
        }

        bounds.Add(length);
        return [.. bounds.Zip(bounds.Skip(1))];
    }

    private static long NextLineStart(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long position, long length, byte[] probe)
    {
        while (position < length)
        {
            var read = RandomAccess.Read(handle, probe, position);
            if (read == 0) break;
            var newline = probe.AsSpan(0, read).IndexOf((byte)'\n');
            if (newline >= 0) return position + newline + 1;
            position += read;
        }

        return length;
    }
}
