using System.ComponentModel.DataAnnotations;

namespace Gatekeeper.Data.Applications;

/// <summary>Configuration section <c>Gatekeeper:Attachments</c>: upload limits.</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Gatekeeper:Attachments";

    [Range(1024, 200L * 1024 * 1024)]
    public long MaxBytes { get; set; } = 20L * 1024 * 1024;
}
