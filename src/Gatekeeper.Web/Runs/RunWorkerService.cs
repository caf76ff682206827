using Gatekeeper.Data.Runs;
using Gatekeeper.VisitingEnvironment.Runs;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Web.Runs;

/// <summary>
/// The run worker pool: <see cref="RunQueueOptions.Concurrency"/> slots, each claiming the oldest queued run (with a
/// lease) and executing it. One slot also applies the host crash rule to expired leases (<see cref="RunJobs.RecoverAsync"/>)
/// on every poll, so runs of a host that died are queued again (or failed) soon after any host starts; at start it also
/// removes airlock folders that no run recorded (<see cref="AirlockOrphans"/>).
/// </summary>
public sealed class RunWorkerService(
    RunJobs jobs,
    RunExecution execution,
    IRunExecutor executor,
    AirlockOrphans orphans,
    TimeProvider time,
    IOptions<RunQueueOptions> options,
    ILogger<RunWorkerService> logger) : BackgroundService
{
    /// <summary>This process's lease owner name.</summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.ExecuteRuns) return;
        await Task.Yield();
        logger.LogInformation("Run workers: {Slots} slot(s) as {Owner}; sandbox {Mode} ({Reason})", settings.Concurrency, Owner, executor.Sandbox.Mode, executor.Sandbox.Reason);
        try
        {
            await executor.WarmUpAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Warm workers could not be started; runs start their own workers");
        }

        try
        {
            // Airlock folders of attempts whose host died between moving the results and recording them (an hour old at least).
            foreach (var orphan in await orphans.RemoveAsync(TimeSpan.FromHours(1), time.GetUtcNow(), stoppingToken))
                logger.LogWarning("Removed the unrecorded airlock folder {ExecutionId} (an attempt whose host stopped before recording it)", orphan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Unrecorded airlock folders could not be removed; the next start tries again");
        }

        await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(slot => SlotAsync(slot, settings, stoppingToken)));
    }

    private async Task SlotAsync(int slot, RunQueueOptions settings, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (slot == 0)
                {
                    foreach (var abandoned in await jobs.RecoverAsync(stoppingToken)) execution.RemoveRunFolder(abandoned);
                }

                var claim = await jobs.ClaimNextAsync(Owner, stoppingToken);
                if (claim is null)
                {
                    await Task.Delay(settings.PollInterval, stoppingToken);
                    continue;
                }

                logger.LogInformation("Run {RunId} ({Number}) attempt {Attempt} claimed by slot {Slot}", claim.Id, claim.Run.Number, claim.Run.Attempt, slot);
                await execution.ExecuteAsync(claim, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Run worker slot {Slot} failed; retrying", slot);
                try
                {
                    await Task.Delay(settings.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
