using System.Runtime.InteropServices;

namespace Gatekeeper.VisitingEnvironment.Sandbox;

/// <summary>link(2): a second name for a file on the same file system (the .NET library has no API for it).</summary>
internal static partial class HardLink
{
    /// <summary>Creates <paramref name="link"/> for <paramref name="existing"/>; false when the system refuses (e.g. another file system).</summary>
    public static bool TryCreate(string existing, string link) =>
        OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() ? Link(existing, link) == 0 : false;

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Link(string existing, string link);
}
