using Gatekeeper.Data.Runs;
using Gatekeeper.Domain.Runs;

namespace Gatekeeper.Web.Runs;

/// <summary>
/// Renews a claimed run's lease in the background and turns what it learns into cancellation: the researcher's cancel
/// request, a lost lease, or the host stopping all cancel <see cref="Token"/> (which kills the sandboxed worker).
/// </summary>
internal sealed class LeaseKeeper : IDisposable
{
    private readonly RunJobs _jobs;
    private readonly ClaimedRun _claim;
    private readonly CancellationTokenSource _cts;
    private readonly CancellationTokenSource _renewals = new();
    private readonly CancellationToken _stopping;
    private readonly ILogger _logger;
    private readonly Task _loop;

    public LeaseKeeper(RunJobs jobs, ClaimedRun claim, TimeSpan interval, ILogger logger, CancellationToken stopping)
    {
        _jobs = jobs;
        _claim = claim;
        _logger = logger;
        _stopping = stopping;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _loop = LoopAsync(interval);
    }

    public CancellationToken Token => _cts.Token;

    public string Phase { get; set; } = RunPhases.Checking;

    public bool Lost { get; private set; }

    public bool Stopping => _stopping.IsCancellationRequested;

    public async Task RenewNowAsync()
    {
        var state = await _jobs.RenewAsync(_claim, Phase, CancellationToken.None);
        Apply(state);
    }

    public async Task StopAsync()
    {
        await _renewals.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        _renewals.Cancel();
        _cts.Dispose();
        _renewals.Dispose();
    }

    private async Task LoopAsync(TimeSpan interval)
    {
        await Task.Yield();
        while (!_renewals.IsCancellationRequested)
        {
            await Task.Delay(interval, _renewals.Token);
            try
            {
                Apply(await _jobs.RenewAsync(_claim, Phase, _renewals.Token));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The store may be briefly unavailable; the lease is long enough to try again.
                _logger.LogWarning(ex, "Run {RunId}: renewing the lease failed", _claim.Id);
            }
        }
    }

    private void Apply(LeaseState state)
    {
        if (state == LeaseState.Held) return;
        if (state == LeaseState.Lost) Lost = true;
        if (!_cts.IsCancellationRequested) _cts.Cancel();
    }
}
