namespace Gatekeeper.Data.Workflows;

/// <summary>
/// One pass of the workflow background work: start reviews of submitted applications that have none
/// (and end those of withdrawn or superseded ones), fire due timers, send pending e-mails.
/// </summary>
public sealed class WorkflowMaintenance(ReviewWorkflowService reviews, WorkflowRuntime runtime, MailOutbox mail)
{
    public async Task<WorkflowMaintenanceResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var reconciled = await reviews.ReconcileAsync(cancellationToken);
        var timers = 0;
        int fired;
        do
        {
            fired = await runtime.FireDueTimersAsync(cancellationToken);
            timers += fired;
        }
        while (fired > 0 && !cancellationToken.IsCancellationRequested);

        var mails = await mail.DispatchAsync(cancellationToken);
        return new WorkflowMaintenanceResult(reconciled, timers, mails);
    }
}
