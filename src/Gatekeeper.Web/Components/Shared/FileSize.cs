using System.Globalization;

namespace Gatekeeper.Web.Components.Shared;

/// <summary>Human-readable byte counts (KB and MB in powers of 1024).</summary>
public static class FileSize
{
    public static string Format(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024d).ToString("0.#", CultureInfo.CurrentCulture) + " KB",
        _ => (bytes / (1024d * 1024)).ToString("0.#", CultureInfo.CurrentCulture) + " MB",
    };
}
