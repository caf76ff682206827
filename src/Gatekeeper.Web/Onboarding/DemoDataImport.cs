using System.Diagnostics;
using Gatekeeper.Data;
using Gatekeeper.Data.Ingest;
using Gatekeeper.Data.Seeding;
using Gatekeeper.Ingest.Importing;
using Gatekeeper.Ingest.Pseudonymisation;
using Gatekeeper.Ingest.Storage;
using Gatekeeper.Ingest.Synthetic;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Web.Onboarding;

/// <summary>
/// The embedded default's first run: once the store is seeded, generate the synthetic diabetes-prevention programme
/// (<see cref="DemoDataGenerator"/>, deterministic by seed) as the holders' CSV files in <c>demo-data/</c> of the data
/// folder and import every file through the real importer, so the catalogue and the demo permits have real tables.
/// Runs in the background (the portal is usable meanwhile; <see cref="DemoImportStatus"/> says how far it is). A marker
/// file makes it run once: a second start imports nothing. Should a start be cut short, the next start generates the
/// same bytes again and the importer skips every file it already committed (same SHA-256).
/// At every start it also copies the published tables' catalogue entries into the store (imports made with the CLI).
/// </summary>
public sealed class DemoDataImport(
    ExchangeImporter importer,
    CatalogueTableSync catalogueSync,
    DataFolder dataFolder,
    DemoImportStatus status,
    IOptions<DemoSeedOptions> seed,
    IOptions<OnboardingOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<DemoDataImport> logger) : BackgroundService
{
    public const string MarkerFile = ".imported";

    public string Folder => dataFolder.Combine("demo-data");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Start after the host is up (the store is migrated and seeded before the host starts), so start-up is not slowed.
        if (!await WaitForStartAsync(stoppingToken)) return;
        try
        {
            await catalogueSync.SyncAsync(DiabetesPreventionCatalogue.DatasetId, stoppingToken);
            await RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The first-run demo import failed; the next start tries again");
            status.Set(DemoImportState.Failed, ex.Message);
        }
    }

    /// <summary>Generates and imports the demo data unless done before; returns the state it ended in.</summary>
    public async Task<DemoImportState> RunAsync(CancellationToken cancellationToken)
    {
        if (!seed.Value.Seed || !options.Value.DemoImport)
        {
            status.Set(DemoImportState.Off);
            return DemoImportState.Off;
        }

        var marker = Path.Combine(Folder, MarkerFile);
        if (File.Exists(marker))
        {
            status.Set(DemoImportState.AlreadyDone);
            return DemoImportState.AlreadyDone;
        }

        var clock = Stopwatch.StartNew();
        status.Set(DemoImportState.Generating);
        var summary = await new DemoDataGenerator().GenerateAsync(
            new DemoDataOptions { OutputFolder = Folder, Participants = options.Value.DemoParticipants, Seed = options.Value.DemoSeed }, cancellationToken);
        // Participants first (the list every other table refers to), consent last; holders in order.
        var files = summary.Files.OrderBy(f => f.Table == "participants" ? 0 : f.Table == "consent" ? 2 : 1).ThenBy(f => f.Table, StringComparer.Ordinal).ThenBy(f => f.Path, StringComparer.Ordinal).ToList();
        status.Set(DemoImportState.Importing);
        long published = 0;
        var refused = 0;
        using (IngestActor.Begin(Gatekeeper.Audit.AuditActor.System))
        {
            for (var i = 0; i < files.Count; i++)
            {
                var result = await importer.ImportAsync(DiabetesPreventionCatalogue.DatasetId, Path.Combine(Folder, files[i].Path),
                    new IngestOptions { RawFiles = RawFilePolicy.Keep, ImportedBy = "system", DisplayName = files[i].Path.Replace('/', '_'), MaxParallelism = 1 },
                    cancellationToken);
                if (result.Outcome == ImportOutcome.Committed) published += result.Record.PublishedRows;
                if (result.Outcome is ImportOutcome.Refused or ImportOutcome.Failed) refused++;
                status.Progress(i + 1, files.Count, published);
            }
        }

        await catalogueSync.SyncAsync(DiabetesPreventionCatalogue.DatasetId, cancellationToken);
        await File.WriteAllTextAsync(marker, $"{summary.Participants} participants, seed {summary.Seed}\n", cancellationToken);
        clock.Stop();
        logger.LogInformation("First-run demo import: {Files} files, {Rows} rows published, {Refused} refused, in {Seconds:F1} s",
            files.Count, published, refused, clock.Elapsed.TotalSeconds);
        status.Set(DemoImportState.Completed, refused == 0 ? null : $"{refused} file(s) refused; see the import history.", clock.Elapsed);
        return DemoImportState.Completed;
    }

    private async Task<bool> WaitForStartAsync(CancellationToken stoppingToken)
    {
        if (seed.Value.Seed && options.Value.DemoImport) status.Set(DemoImportState.Waiting);
        var started = new TaskCompletionSource();
        await using var onStarted = lifetime.ApplicationStarted.Register(started.SetResult);
        await using var onStopping = stoppingToken.Register(() => started.TrySetCanceled());
        try
        {
            await started.Task;
            return true;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }
}
