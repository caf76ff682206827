using Gatekeeper.Data;
using Gatekeeper.Data.Catalogue;
using Gatekeeper.Ingest.Storage;
using Gatekeeper.Web.Onboarding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gatekeeper.IntegrationTests;

/// <summary>
/// The embedded default's first run imports the synthetic programme through the importer in the background, so the
/// catalogue has real tables; a second run imports nothing; a run cut short resumes without importing anything twice.
/// </summary>
public sealed class DemoImportTests : IDisposable
{
    private readonly GatekeeperWebHost _web = new(settings: new Dictionary<string, string?>
    {
        ["Gatekeeper:Onboarding:DemoImport"] = "true",
        ["Gatekeeper:Onboarding:DemoParticipants"] = "60",
    });

    [Fact]
    public async Task The_first_run_imports_the_demo_data_once_and_a_second_run_imports_nothing()
    {
        _ = _web.BaseAddress;
        var status = _web.Services.GetRequiredService<DemoImportStatus>();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (status.State is not (DemoImportState.Completed or DemoImportState.Failed) && DateTime.UtcNow < deadline) await Task.Delay(250);
        Assert.Equal(DemoImportState.Completed, status.State);
        Assert.Null(status.Message);

        var factory = _web.Services.GetRequiredService<IDbContextFactory<GatekeeperDbContext>>();
        var catalogue = _web.Services.GetRequiredService<CatalogueService>();
        var tables = await catalogue.PublishedTablesAsync("dpp", CancellationToken.None);
        Assert.Equal(["activity", "checkup_blood_pressure", "hba1c", "home_blood_pressure", "participants", "weight"], tables.Select(t => t.Table));
        Assert.Equal(60, tables.Single(t => t.Table == "participants").RowCount);
        Assert.True(tables.Single(t => t.Table == "activity").RowCount > 60 * 300);
        int history, committed;
        await using (var db = await factory.CreateDbContextAsync())
        {
            // One attempt per file; a holder's file identical to another (a header-only file) counts as already imported.
            history = await db.ImportHistory.CountAsync();
            committed = await db.ImportHistory.CountAsync(r => r.Outcome == nameof(ImportOutcome.Committed));
            Assert.Equal(status.FilesTotal, history);
            Assert.Equal(history, committed + await db.ImportHistory.CountAsync(r => r.Outcome == nameof(ImportOutcome.AlreadyImported)));
            Assert.True(committed >= 6 * 8 / 2);
            Assert.True(await db.ConsentEvents.AnyAsync());
        }

        var demo = _web.Services.GetRequiredService<DemoDataImport>();
        Assert.Equal(DemoImportState.AlreadyDone, await demo.RunAsync(CancellationToken.None));
        await using (var db = await factory.CreateDbContextAsync()) Assert.Equal(history, await db.ImportHistory.CountAsync());

        // Cut short before the marker was written: the same files again, every one already imported, nothing changes.
        File.Delete(Path.Combine(demo.Folder, DemoDataImport.MarkerFile));
        Assert.Equal(DemoImportState.Completed, await demo.RunAsync(CancellationToken.None));
        await using (var db = await factory.CreateDbContextAsync())
        {
            Assert.Equal(committed, await db.ImportHistory.CountAsync(r => r.Outcome == nameof(ImportOutcome.Committed)));
            Assert.Equal(2 * history, await db.ImportHistory.CountAsync());
        }

        Assert.Equal(tables.Select(t => (t.Table, t.RowCount, t.Version)), (await catalogue.PublishedTablesAsync("dpp", CancellationToken.None)).Select(t => (t.Table, t.RowCount, t.Version)));
    }

    public void Dispose() => _web.Dispose();
}
