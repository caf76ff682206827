using System.Runtime.InteropServices;

namespace Gatekeeper.Ingest.Storage;

/// <summary>
/// The two POSIX calls publishing needs and .NET does not expose for links: rename(2), which replaces a symbolic
/// link atomically, and link(2), which shares an unchanged Parquet part between table versions without copying it.
/// </summary>
internal static partial class PosixFileSystem
{
    public static void Rename(string source, string destination)
    {
        if (rename(source, destination) != 0) throw new IOException($"rename({source}, {destination}) failed: errno {Marshal.GetLastPInvokeError()}.");
    }

    /// <summary>Hard link, or a copy where links are impossible (another file system).</summary>
    public static void LinkOrCopy(string existing, string newPath)
    {
        if (OperatingSystem.IsWindows() || link(existing, newPath) != 0) File.Copy(existing, newPath);
    }

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int rename(string oldPath, string newPath);

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int link(string oldPath, string newPath);
}
