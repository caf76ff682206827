using Gatekeeper.Data;
using Gatekeeper.Data.Airlock;
using Gatekeeper.Data.Runs;
using Gatekeeper.Domain.Runs;
using Gatekeeper.Testing;
using Gatekeeper.Web.Runs;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Web.Tests;

/// <summary>
/// The start-up sweep of the airlock: a folder no run records (its host died between moving the results and recording
/// them) is removed once it is old enough; recorded results, a running execution's folder and young folders stay.
/// </summary>
public sealed class AirlockOrphansTests
{
    [Fact]
    public async Task Only_old_folders_that_no_run_records_or_runs_are_removed()
    {
        await using var store = await TestStore.CreateAsync();
        var permit = await TestPermits.IssueAsync(store);
        var queue = store.Get<RunQueue>();
        var jobs = store.Get<RunJobs>();
        const string Query = "SELECT consortium_id, count(*) AS n FROM participants GROUP BY consortium_id";
        foreach (var _ in Enumerable.Range(0, 2))
            Assert.True((await queue.SubmitAsync(TestActors.Sato, permit.Id, null, Query, new RecordingCheck(), CancellationToken.None)).Succeeded);
        var running = (await jobs.ClaimNextAsync("host-a", CancellationToken.None))!;
        var recorded = (await jobs.ClaimNextAsync("host-a", CancellationToken.None))!;
        await using (var db = await store.DbAsync())
        {
            await db.Runs.Where(r => r.Id == recorded.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, RunState.Succeeded)
                .SetProperty(r => r.AirlockFolder, Path.Combine(AirlockService.Folder, recorded.ExecutionId)));
        }

        var root = Path.Combine(store.DataFolder, AirlockService.Folder);
        var twoHoursAgo = DateTime.UtcNow.AddHours(-2);
        string Folder(string name, bool old)
        {
            var path = Path.Combine(root, name);
            Directory.CreateDirectory(path);
            File.WriteAllText(Path.Combine(path, "airlock.json"), "{}");
            if (old) Directory.SetLastWriteTimeUtc(path, twoHoursAgo);
            return path;
        }

        var keptRunning = Folder(running.ExecutionId, old: true);
        var keptRecorded = Folder(recorded.ExecutionId, old: true);
        var orphan = Folder("0123456789abcdef-1", old: true);
        var young = Folder("fedcba9876543210-1", old: false);

        var removed = await new AirlockOrphans(new DataFolder(store.DataFolder), jobs).RemoveAsync(TimeSpan.FromHours(1), DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Equal(["0123456789abcdef-1"], removed);
        Assert.False(Directory.Exists(orphan));
        Assert.True(Directory.Exists(keptRunning));
        Assert.True(Directory.Exists(keptRecorded));
        Assert.True(Directory.Exists(young));
        Assert.Empty(await new AirlockOrphans(new DataFolder(store.DataFolder), jobs).RemoveAsync(TimeSpan.FromHours(1), DateTimeOffset.UtcNow, CancellationToken.None));
    }
}
