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

    /// <summary>
    /// How often the web process's chainer looks for committed entries pending the chain and links them (entries recorded
    /// by <c>AuditTrail.RecordAsync</c> are linked at once; entries written in an action's transaction wait for this).
    /// </summary>
    public TimeSpan LinkEvery { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Most entries the chainer links in one transaction.</summary>
    [Range(1, 100_000)]
    public int LinkBatchSize { get; set; } = 2_000;

    /// <summary>Signing key file, relative to the data folder; generated on first use.</summary>
    [Required]
    public string KeyFile { get; set; } = "keys/audit-signing.pem";

    /// <summary>How often the background service verifies the whole chain and records the result; null or zero: never (verify with the CLI).</summary>
    public TimeSpan? VerifyEvery { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Null when valid, else the problem naming the setting.</summary>
    public string? Validate()
    {
        if (CheckpointEvery <= TimeSpan.Zero) return $"{Section}:CheckpointEvery must be positive, e.g. 00:10:00; it is {CheckpointEvery}.";
        if (LinkEvery < TimeSpan.FromMilliseconds(10) || LinkEvery > TimeSpan.FromMinutes(1))
            return $"{Section}:LinkEvery must be between 00:00:00.010 and 00:01:00; it is {LinkEvery}.";
        if (VerifyEvery is { } v && v != TimeSpan.Zero && (v < TimeSpan.FromMinutes(1) || v > TimeSpan.FromDays(31)))
            return $"{Section}:VerifyEvery must be between 00:01:00 and 31.00:00:00 (or empty to switch it off); it is {v}.";
        return null;
    }
}
