using System.Diagnostics;
using Gatekeeper.VisitingEnvironment.Privacy;

namespace Gatekeeper.Enclave.Tests;

public sealed class DpTimingPadTests
{
    [Theory]
    [InlineData(0, 200)]
    [InlineData(1, 200)]
    [InlineData(199, 200)]
    [InlineData(200, 200)]
    [InlineData(201, 400)]
    [InlineData(950, 1000)]
    public void The_padded_duration_is_a_whole_number_of_quanta_at_least_one_and_never_shorter_than_the_phase(int elapsedMs, int paddedMs)
    {
        var pad = new DpTimingPad(TimeSpan.FromMilliseconds(200));
        Assert.Equal(TimeSpan.FromMilliseconds(paddedMs), pad.PaddedDuration(TimeSpan.FromMilliseconds(elapsedMs)));
    }

    [Fact]
    public void Fast_and_slow_noise_phases_both_take_the_same_padded_time()
    {
        var pad = new DpTimingPad(TimeSpan.FromMilliseconds(60));
        foreach (var work in new[] { 0, 5, 30 })
        {
            var watch = Stopwatch.StartNew();
            var value = pad.Run(() =>
            {
                Thread.Sleep(work);
                return work;
            });
            watch.Stop();
            Assert.Equal(work, value);
            Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(60), $"a {work} ms phase took {watch.Elapsed.TotalMilliseconds:0.0} ms, under the 60 ms quantum");
        }
    }

    [Fact]
    public void A_zero_quantum_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DpTimingPad(TimeSpan.Zero));
}
