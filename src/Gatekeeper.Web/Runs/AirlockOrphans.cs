using Gatekeeper.Data;
using Gatekeeper.Data.Airlock;
using Gatekeeper.Data.Runs;

namespace Gatekeeper.Web.Runs;

/// <summary>
/// Removes airlock folders no run owns: left by a host that died between moving a run's results into the airlock and
/// committing their records (the retried attempt writes its own folder). A folder is kept while a run records it or
/// its execution is still running, and while it is younger than the minimum age, so a folder another host is about to
/// record is never touched.
/// </summary>
public sealed class AirlockOrphans(DataFolder dataFolder, RunJobs jobs)
{
    /// <summary>Removes the orphans older than <paramref name="minimumAge"/>; returns their names (execution ids).</summary>
    public async Task<IReadOnlyList<string>> RemoveAsync(TimeSpan minimumAge, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var root = dataFolder.Combine(AirlockService.Folder);
        if (!Directory.Exists(root)) return [];
        var removed = new List<string>();
        foreach (var folder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            if (now - new DateTimeOffset(Directory.GetLastWriteTimeUtc(folder), TimeSpan.Zero) < minimumAge) continue;
            if (await jobs.OwnsAirlockFolderAsync(name, Path.Combine(AirlockService.Folder, name), cancellationToken)) continue;
            Directory.Delete(folder, recursive: true);
            removed.Add(name);
        }

        return removed;
    }
}
