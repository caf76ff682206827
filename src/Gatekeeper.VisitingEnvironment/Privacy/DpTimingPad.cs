
namespace Gatekeeper.VisitingEnvironment.Privacy;

/// <summary>
/// Pads a phase to a whole number of time quanta (at least one): the noise phase of a DP run — drawing the noise and
/// forming the release — then takes 1 × quantum for every realistic release, so its duration carries no information
/// about the noise drawn or the true values (rejection samplers take a data-independent but random number of trials;
/// the exponential mechanism's trials depend on the scores). A phase that overruns is rounded up to the next quantum,
/// which leaks at most which multiple it fell into.
/// </summary>
public sealed class DpTimingPad(TimeSpan quantum, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public TimeSpan Quantum { get; } = quantum > TimeSpan.Zero ? quantum : throw new ArgumentOutOfRangeException(nameof(quantum), "The padding quantum must be positive.");

    /// <summary>Runs <paramref name="phase"/> and waits until a whole number of quanta have passed since it started.</summary>
    public T Run<T>(Func<T> phase)
    {
        ArgumentNullException.ThrowIfNull(phase);
        var start = _time.GetTimestamp();
        var result = phase();
        var elapsed = _time.GetElapsedTime(start);
        var target = PaddedDuration(elapsed);
        while (_time.GetElapsedTime(start) is var now && now < target)
        {
            var remaining = target - now;
            if (remaining > TimeSpan.FromMilliseconds(2)) Thread.Sleep(remaining - TimeSpan.FromMilliseconds(1));
            else Thread.SpinWait(64);
        }

        return result;
    }

    /// <summary>The padded duration of a phase that took <paramref name="elapsed"/>: the next whole number of quanta, at least one.</summary>
    public TimeSpan PaddedDuration(TimeSpan elapsed)
    {
        var quanta = Math.Max(1, (long)Math.Ceiling(elapsed.Ticks / (double)Quantum.Ticks));
        if (quanta * Quantum.Ticks < elapsed.Ticks) quanta++;
        return TimeSpan.FromTicks(quanta * Quantum.Ticks);
    }
}
