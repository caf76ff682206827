namespace Gatekeeper.Data.Audit.Archiving;

/// <summary>
/// Configuration section <c>Gatekeeper:Audit:Retention</c>: archiving of old entries to files in the data folder.
/// Off unless <see cref="ArchiveAfterDays"/> is set.
/// </summary>
public sealed class AuditRetentionOptions
{
    public const string Section = "Gatekeeper:Audit:Retention";

    /// <summary>Entries older than this many days are archived (whole checkpoint intervals); null keeps everything live.</summary>
    public int? ArchiveAfterDays { get; set; }

    /// <summary>Archive folder, relative to the data folder (or absolute).</summary>
    public string Folder { get; set; } = "audit-archive";

    /// <summary>How often the background service archives.</summary>
    public TimeSpan RunEvery { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Largest number of entries per archive file.</summary>
    public int MaxEntriesPerFile { get; set; } = 1_000_000;

    public string ResolveFolder(DataFolder dataFolder)
    {
        ArgumentNullException.ThrowIfNull(dataFolder);
        return Path.GetFullPath(Folder, dataFolder.Path);
    }

    /// <summary>Null when valid, else the problem naming the setting.</summary>
    public string? Validate()
    {
        if (ArchiveAfterDays is < 1 or > 36_500) return $"{Section}:ArchiveAfterDays must be 1-36500 days (or empty to keep every entry live); it is {ArchiveAfterDays}.";
        if (string.IsNullOrWhiteSpace(Folder)) return $"{Section}:Folder must name a folder (relative to the data folder, or absolute).";
        if (Folder.IndexOfAny(Path.GetInvalidPathChars()) >= 0) return $"{Section}:Folder '{Folder}' is not a valid path.";
        if (RunEvery < TimeSpan.FromMinutes(1) || RunEvery > TimeSpan.FromDays(7)) return $"{Section}:RunEvery must be between 00:01:00 and 7.00:00:00; it is {RunEvery}.";
        if (MaxEntriesPerFile is < 1_000 or > 10_000_000) return $"{Section}:MaxEntriesPerFile must be 1000-10000000; it is {MaxEntriesPerFile}.";
        return null;
    }
}
