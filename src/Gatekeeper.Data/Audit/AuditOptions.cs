using System.ComponentModel.DataAnnotations;

namespace Gatekeeper.Data.Audit;

/// <summary>Configuration section <c>Gatekeeper:Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string Section = "Gatekeeper:Audit";

    /// <summary>Sign a checkpoint after this many entries …</summary>
    [Range(1, 1_000_000)]
    public int CheckpointEveryEntries { get; set; } = 100;

    /// <summary>… or when the last checkpoint is older than this.</summary>
    public TimeSpan CheckpointEvery { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Signing key file, relative to the data folder; generated on first use.</summary>
    [Required]
    public string KeyFile { get; set; } = "keys/audit-signing.pem";
}
