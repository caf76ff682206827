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
    /// <summary>Removes the orphans older than <paramref name="minimumAge"/> (one store query for all); returns their names (execution ids).</summary>
    public async Task<IReadOnlyList<string>> RemoveAsync(TimeSpan minimumAge, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var root = dataFolder.Combine(AirlockService.Folder);
        if (!Directory.Exists(root)) return [];
        var old = Directory.GetDirectories(root).Order(StringComparer.Ordinal)
            .Where(folder => now - new DateTimeOffset(Directory.GetLastWriteTimeUtc(folder), TimeSpan.Zero) >= minimumAge)
            .Select(Path.GetFileName).OfType<string>().ToList();
        if (old.Count == 0) return [];
        var owned = await jobs.OwnedAirlockFoldersAsync(old, AirlockService.Folder, cancellationToken);
        var removed = new List<string>();
        foreach (var name in old.Where(n => !owned.Contains(n)))
        {
            Directory.Delete(Path.Combine(root, name), recursive: true);
            removed.Add(name);
        }

        return removed;
    }
}
