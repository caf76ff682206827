using Gatekeeper.Disclosure.Privacy.Measurements;
using Gatekeeper.Disclosure.Privacy.Planning;
using Gatekeeper.Disclosure.Privacy.Samplers;

namespace Gatekeeper.VisitingEnvironment.Privacy;

/// <summary>
/// Draws a DP release's noise ahead, while the query reads the data. Additive noise never depends on the value it is
/// added to, so it can be drawn before the aggregates exist; drawing it in a padded phase (<see cref="DpTimingPad"/>,
/// a whole number of quanta) on its own thread hides the rejection samplers' random running time without adding the
/// quantum to the run. The phase draws for the policy's public keys, or for up to <see cref="MaxGroupsAhead"/> groups
/// under partition selection; aggregates with more groups than that get a second padded phase after the query
/// (whether it happens depends only on the number of groups in the data, which the query's duration already shows).
/// The release then only adds the reservoir's values.
/// </summary>
public sealed class DpNoiseAhead : IDisposable
{
    /// <summary>Groups drawn for ahead under partition selection (about 10 ms of sampling for a few statistics).</summary>
    public const int MaxGroupsAhead = 10_000;

    private readonly DpAggregatePlan _plan;
    private readonly DpTimingPad _pad;
    private readonly TimeProvider _time;
    private readonly NoiseReservoir _reservoir = new();
    private readonly Task<TimeSpan> _drawing;
    private TimeSpan _padded;

    private DpNoiseAhead(DpAggregatePlan plan, DpTimingPad pad, TimeProvider time, int groups)
    {
        _plan = plan;
        _pad = pad;
        _time = time;
        GroupsAhead = groups;
        var demand = DpAggregateReleaser.NoiseDemand(plan, groups);
        _drawing = Task.Factory.StartNew(() => Padded(demand), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The groups the first phase draws for.</summary>
    public int GroupsAhead { get; }

    /// <summary>The padded drawing phases' total duration, once <see cref="Complete"/> has returned.</summary>
    public TimeSpan PaddedDuration => _padded;

    /// <summary>Starts drawing on its own thread; <paramref name="maxOutputRows"/> caps the groups drawn for under partition selection.</summary>
    public static DpNoiseAhead Start(DpAggregatePlan plan, DpTimingPad pad, long maxOutputRows, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(pad);
        var groups = DpAggregateReleaser.PublicKeyGroups(plan) ?? (int)Math.Clamp(maxOutputRows, 1, MaxGroupsAhead);
        return new DpNoiseAhead(plan, pad, time ?? TimeProvider.System, groups);
    }

    /// <summary>
    /// Waits for the phase drawn ahead, tops the reservoir up in another padded phase when the aggregates hold more
    /// candidate groups than it drew for, and returns the reservoir to release from.
    /// </summary>
    public NoiseReservoir Complete(int aggregateGroups)
    {
        _padded = _drawing.GetAwaiter().GetResult();
        var demand = DpAggregateReleaser.NoiseDemand(_plan, DpAggregateReleaser.PublicKeyGroups(_plan) ?? aggregateGroups);
        if (!_reservoir.Covers(demand)) _padded += Padded(demand);
        return _reservoir;
    }

    private TimeSpan Padded(IReadOnlyDictionary<INoiseMechanism, int> demand)
    {
        var start = _time.GetTimestamp();
        _pad.Run(() =>
        {
            _reservoir.Fill(demand, ExactSampler.CreateSecure());
            return true;
        });
        return _time.GetElapsedTime(start);
    }

    /// <summary>Waits for the drawing thread, so a failed query never leaves it running.</summary>
    public void Dispose()
    {
        try
        {
            _drawing.Wait();
        }
        catch (AggregateException)
        {
            // Already surfaced by Complete, or irrelevant once the run has failed.
        }
    }
}
