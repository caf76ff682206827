using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Data.Workflows;

/// <summary>
/// Runs <see cref="WorkflowMaintenance"/> at start and then every <see cref="WorkflowOptions.PollInterval"/>
/// (on the injected <see cref="TimeProvider"/>). A failed pass is logged and retried at the next tick.
/// </summary>
public sealed class WorkflowBackgroundService(WorkflowMaintenance maintenance, IOptions<WorkflowOptions> options, TimeProvider time,
    ILogger<WorkflowBackgroundService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        do
        {
            try
            {
                var result = await maintenance.RunOnceAsync(stoppingToken);
                if (result.ReviewsReconciled + result.TimersFired + result.MailsSent > 0)
                    logger.LogInformation("Workflow maintenance: {Reviews} review(s) started or ended, {Timers} timer(s) fired, {Mails} e-mail(s) sent",
                        result.ReviewsReconciled, result.TimersFired, result.MailsSent);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Workflow maintenance failed; retrying in {Interval}", options.Value.PollInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
