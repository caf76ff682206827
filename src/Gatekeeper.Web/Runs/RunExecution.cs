using Gatekeeper.Data.Permits;
using Gatekeeper.Data.Runs;
using Gatekeeper.Domain.Runs;
using Gatekeeper.VisitingEnvironment.Runs;
using Microsoft.Extensions.Options;
using VeRunStatus = Gatekeeper.VisitingEnvironment.Runs.RunStatus;

namespace Gatekeeper.Web.Runs;

/// <summary>
/// Executes one claimed run: re-checks permit, team and accreditation, builds the spec, runs it in the visiting
/// environment while renewing the lease (and watching for a cancellation), stores a success in the airlock, and records
/// the ending. A worker that loses its lease stops and records nothing; a host shutting down puts the run back in the
/// queue without using up an attempt.
/// </summary>
public sealed class RunExecution(
    RunJobs jobs,
    IRunExecutor executor,
    RunSpecFactory specs,
    AirlockWriter airlock,
    IOptions<RunQueueOptions> options,
    IOptions<VisitingEnvironment.Sandbox.VisitingEnvironmentOptions> environment,
    ILogger<RunExecution> logger)
{
    public async Task ExecuteAsync(ClaimedRun claim, CancellationToken stopping)
    {
        using var lease = new LeaseKeeper(jobs, claim, options.Value.RenewInterval, logger, stopping);
        try
        {
            var completion = await RunAsync(claim, lease);
            if (completion is not null && (lease.Lost || !await jobs.CompleteAsync(claim, completion, CancellationToken.None)))
            {
                logger.LogWarning("Run {RunId}: the lease was lost before the ending could be recorded; its results are discarded", claim.Id);
                airlock.Discard(completion.AirlockFolder);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Handled below: back to the queue.
        }
        catch (OperationCanceledException) when (!lease.Lost)
        {
            // Cancelled by the researcher before the sandboxed worker started.
            await jobs.CompleteAsync(claim, new RunCompletion { State = RunState.Cancelled, ReasonCode = "cancelled", Message = "Cancelled before it started executing; nothing was kept." }, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Run {RunId}: the host failed while handling it", claim.Id);
            if (!lease.Lost)
            {
                await jobs.CompleteAsync(claim, new RunCompletion
                {
                    State = RunState.Failed, ReasonCode = "host-error",
                    Message = "The gatekeeper failed while handling this run; nothing was kept. Try again, or tell the operator if it happens again.",
                }, CancellationToken.None);
            }
        }
        finally
        {
            await lease.StopAsync();
            RemoveRunFolder(claim.ExecutionId);
        }

        if (stopping.IsCancellationRequested && !lease.Lost)
            await jobs.RequeueAsync(claim, CancellationToken.None);
    }

    private async Task<RunCompletion?> RunAsync(ClaimedRun claim, LeaseKeeper lease)
    {
        var admission = await jobs.RecheckAsync(claim, lease.Token);
        if (!admission.Allowed)
            return new RunCompletion { State = RunState.Refused, ReasonCode = admission.RefusalCode, Message = admission.RefusalMessage };
        var permit = admission.Permit!;
        var (spec, problems) = await specs.CreateAsync(permit, claim.Run.DatasetId, claim.Run.Query, claim.ExecutionId, lease.Token);
        if (spec is null)
            return new RunCompletion { State = RunState.Refused, ReasonCode = problems[0].Rule, Message = string.Join(Environment.NewLine, problems.Select(p => p.Message)) };

        lease.Phase = RunPhases.Executing;
        await lease.RenewNowAsync();
        var outcome = await executor.ExecuteAsync(spec, lease.Token);
        if (lease.Lost || lease.Stopping) return null;
        var duration = (long)outcome.Timings.Total.TotalMilliseconds;
        switch (outcome.Status)
        {
            case VeRunStatus.Succeeded:
                lease.Phase = RunPhases.Storing;
                await lease.RenewNowAsync();
                return await airlock.StoreAsync(claim.Run, permit, outcome, CancellationToken.None);
            case VeRunStatus.Refused:
                var first = outcome.Problems.Count > 0 ? RunQueryCheck.ToError(outcome.Problems[0]).Rule
                    : outcome.SandboxMode == VisitingEnvironment.Sandbox.SandboxMode.Unavailable ? RunRefusalCodes.SandboxUnavailable : RunRefusalCodes.QueryInvalid;
                return new RunCompletion { State = RunState.Refused, ReasonCode = first, Message = outcome.Message, DurationMs = duration, SandboxMode = outcome.SandboxMode.ToString() };
            case VeRunStatus.Cancelled:
                return new RunCompletion { State = RunState.Cancelled, ReasonCode = "cancelled", Message = "Cancelled while it was executing; nothing was kept.", DurationMs = duration, SandboxMode = outcome.SandboxMode.ToString() };
            case VeRunStatus.Killed:
                return new RunCompletion { State = RunState.Failed, ReasonCode = "limit-" + Kebab(outcome.StopReason.ToString()), Message = outcome.Message, DurationMs = duration, SandboxMode = outcome.SandboxMode.ToString() };
            default:
                return new RunCompletion { State = RunState.Failed, ReasonCode = "engine-error", Message = outcome.Message, DurationMs = duration, SandboxMode = outcome.SandboxMode.ToString() };
        }
    }

    /// <summary>Removes what is left of an execution in the runs folder (the input is gone, the output was moved to the airlock).</summary>
    public void RemoveRunFolder(string executionId)
    {
        try
        {
            var folder = Path.Combine(Path.GetFullPath(environment.Value.RunsFolder), executionId);
            if (RunSpec.IsValidRunId(executionId) && Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "The run folder of {ExecutionId} could not be removed", executionId);
        }
    }

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
