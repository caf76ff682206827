using System.ComponentModel.DataAnnotations;

namespace Gatekeeper.Hosting;

/// <summary>Configuration section <c>Gatekeeper</c>: settings every Gatekeeper process shares.</summary>
public sealed class GatekeeperOptions
{
    public const string Section = "Gatekeeper";

    /// <summary>Folder for the embedded database, keys, attachments and mail pickup; created on first run.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataFolder { get; set; } = "data";

}
