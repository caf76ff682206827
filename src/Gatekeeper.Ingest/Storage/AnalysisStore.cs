using System.Text.Json;

namespace Gatekeeper.Ingest.Storage;

/// <summary>
/// The published analysis tables: <c>analysis/&lt;dataset&gt;/&lt;table&gt;</c> is a symbolic link to an immutable version
/// folder under <c>.versions/&lt;table&gt;/</c> holding <c>part-*.parquet</c> and <c>catalogue.json</c>. A new version is
/// built beside the current one and published by renaming a new link over the old, so readers (DuckDB globbing
/// <c>&lt;table&gt;/part-*.parquet</c>) see either the old table or the new one, never a mix.
/// </summary>
public sealed class AnalysisStore
{
    public const string CatalogueFile = "catalogue.json";
    public const string PartPattern = "part-*.parquet";
    private readonly DataLayout _layout;

    public AnalysisStore(DataLayout layout)
    {
        _layout = layout;
    }

    public DataLayout Layout => _layout;

    /// <summary>Folder of the table's current version, or null before its first import.</summary>
    public string? CurrentVersionFolder(string datasetId, string table)
    {
        var link = _layout.TableFolder(datasetId, table);
        var info = new DirectoryInfo(link);
        if (info.LinkTarget is null) return info.Exists ? info.FullName : null;
        var target = Path.GetFullPath(info.LinkTarget, Path.GetDirectoryName(link)!);
        return Directory.Exists(target) ? target : null;
    }

    public IReadOnlyList<string> CurrentParts(string datasetId, string table)
    {
        var folder = CurrentVersionFolder(datasetId, table);
        return folder is null ? [] : [.. Directory.GetFiles(folder, PartPattern).Order(StringComparer.Ordinal)];
    }

    /// <summary>Glob for DuckDB's read_parquet over the table's current parts (through the link, so it follows publishes).</summary>
    public string PartsGlob(string datasetId, string table) => Path.Combine(_layout.TableFolder(datasetId, table), PartPattern);

    public async Task<TableCatalogueEntry?> ReadCatalogueAsync(string datasetId, string table, CancellationToken cancellationToken = default)
    {
        var folder = CurrentVersionFolder(datasetId, table);
        if (folder is null) return null;
        await using var stream = File.OpenRead(Path.Combine(folder, CatalogueFile));
        return await JsonSerializer.DeserializeAsync<TableCatalogueEntry>(stream, IngestJson.Options, cancellationToken);
    }

    /// <summary>Tables of the dataset that have a published version.</summary>
    public IReadOnlyList<string> Tables(string datasetId)
    {
        var folder = _layout.AnalysisFolder(datasetId);
        if (!Directory.Exists(folder)) return [];
        return [.. new DirectoryInfo(folder).GetDirectories().Where(d => !d.Name.StartsWith('.')).Select(d => d.Name).Order(StringComparer.Ordinal)];
    }

    /// <summary>A fresh folder to build the next version of a table in, beside the published versions (same file system, so links work).</summary>
    internal string CreateBuildFolder(string datasetId, string table, string importId)
    {
        var path = Path.Combine(_layout.VersionsFolder(datasetId, table), ".build-" + importId);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Turns a build folder into a published version: rename it into place, then swap the table link atomically.</summary>
    internal string Publish(string datasetId, string table, string buildFolder, string versionName)
    {
        var versions = _layout.VersionsFolder(datasetId, table);
        var versionFolder = Path.Combine(versions, versionName);
        Directory.Move(buildFolder, versionFolder);
        var link = _layout.TableFolder(datasetId, table);
        var nextLink = link + ".next-" + versionName;
        // Relative target: the dataset folder can be mounted elsewhere (read-only into the sandbox) and still resolve.
        Directory.CreateSymbolicLink(nextLink, Path.Combine(".versions", table, versionName));
        PosixFileSystem.Rename(nextLink, link);
        RemoveOldVersions(versions, versionFolder);
        return versionFolder;
    }

    /// <summary>
    /// Removes what an import killed part-way (power cut, kill -9) left behind: staging folders and unpublished version
    /// builds older than <paramref name="age"/>. Nothing of theirs was ever visible; a live import's folders are fresh.
    /// </summary>
    public int RemoveAbandoned(TimeSpan age, DateTimeOffset now)
    {
        var cutoff = now.UtcDateTime - age;
        var candidates = new List<string>();
        var staging = Path.Combine(_layout.Root, "staging");
        if (Directory.Exists(staging)) candidates.AddRange(Directory.GetDirectories(staging));
        if (Directory.Exists(_layout.AnalysisRoot))
        {
            candidates.AddRange(Directory.GetDirectories(_layout.AnalysisRoot)
                .Select(d => Path.Combine(d, ".versions"))
                .Where(Directory.Exists)
                .SelectMany(Directory.GetDirectories)
                .SelectMany(t => Directory.GetDirectories(t, ".build-*")));
        }

        var removed = 0;
        foreach (var folder in candidates.Where(f => Directory.GetLastWriteTimeUtc(f) < cutoff))
        {
            try
            {
                Directory.Delete(folder, recursive: true);
                removed++;
            }
            catch (IOException)
            {
                // Another process may be removing it at the same moment; the next import tries again.
            }
        }

        return removed;
    }

    /// <summary>Keeps the current and the previous version (a query that started just before the swap may still read it).</summary>
    private static void RemoveOldVersions(string versions, string current)
    {
        var old = Directory.GetDirectories(versions)
            .Where(d => !Path.GetFileName(d).StartsWith('.') && !string.Equals(d, current, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .SkipLast(1);
        foreach (var folder in old)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Still in use on a system that locks open files: the next publish tries again.
            }
        }
    }
}
