using Gatekeeper.Audit;
using Gatekeeper.Data.Audit.Archiving;
using Gatekeeper.Data.Audit.Chaining;
using Gatekeeper.Data.Audit.Verification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Data.Audit;

/// <summary>
/// Background upkeep of the log in the web process: links committed entries into the chain every <c>LinkEvery</c>
/// (<see cref="AuditChainer"/>); archives what the retention setting says is due every
/// <c>Retention:RunEvery</c> (when retention is on), and verifies the whole chain every <c>VerifyEvery</c>,
/// recording each result as an <c>audit.verified</c> entry for the console. The first run of each is one period
/// after start. Failures are logged and retried next period; they never stop the process.
/// </summary>
public sealed class AuditMaintenanceService(
    IServiceProvider services,
    IOptions<AuditOptions> audit,
    IOptions<AuditRetentionOptions> retention,
    TimeProvider time,
    ILogger<AuditMaintenanceService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = new List<Task> { LinkLoopAsync(stoppingToken) };
        if (retention.Value.ArchiveAfterDays is not null)
            loops.Add(EveryAsync(retention.Value.RunEvery, "archiving", ct => services.GetRequiredService<AuditArchiver>().ArchiveDueAsync(AuditActor.System, ct), stoppingToken));
        if (audit.Value.VerifyEvery is { } every && every > TimeSpan.Zero)
            loops.Add(EveryAsync(every, "verification", ct => services.GetRequiredService<AuditVerificationService>().VerifyAndRecordAsync(AuditActor.System, AuditVerificationScope.Everything, ct), stoppingToken));
        return Task.WhenAll(loops);
    }

    /// <summary>Links committed entries pending the chain every <c>LinkEvery</c> (quietly: this runs several times a second).</summary>
    private async Task LinkLoopAsync(CancellationToken stoppingToken)
    {
        var chainer = services.GetRequiredService<AuditChainer>();
        using var timer = new PeriodicTimer(audit.Value.LinkEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await chainer.LinkPendingAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Linking audit entries failed; it runs again in {Period}", audit.Value.LinkEvery);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task EveryAsync<T>(TimeSpan period, string what, Func<CancellationToken, Task<T>> work, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var result = await work(stoppingToken);
                    logger.LogInformation("Audit {What} ran: {Result}", what, Describe(result));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Audit {What} failed; it runs again in {Period}", what, period);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private static string Describe(object? result) => result switch
    {
        AuditStoreVerification v => v.Result.Message,
        Domain.Common.DomainResult<AuditArchiveRun> { Succeeded: true, Value: { } run } => $"{run.Files.Count} file(s), {run.Entries} entries archived",
        Domain.Common.DomainResult<AuditArchiveRun> failed => string.Join("; ", failed.Errors.Select(e => e.Message)),
        _ => "done",
    };
}
