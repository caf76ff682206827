using System.Numerics;
using Gatekeeper.Disclosure.Privacy.Samplers;

namespace Gatekeeper.Disclosure.Privacy.Measurements;

/// <summary>
/// Noise drawn ahead: independent samples per mechanism, each handed out once and never reused, so a release built
/// from the reservoir has exactly the distribution of one that draws as it goes. The visiting environment fills it
/// in a padded phase while the query runs, so the rejection samplers' random running time is hidden and off the
/// run's critical path. Running dry is an error, never a silent fresh draw outside the padded phase.
/// Not thread-safe: fill, then hand out, from one thread at a time.
/// </summary>
public sealed class NoiseReservoir : INoiseSource
{
    private readonly Dictionary<INoiseMechanism, Queue<BigInteger>> _noise = new(ReferenceEqualityComparer.Instance);

    /// <summary>Draws until every mechanism holds at least its demanded number of values.</summary>
    public void Fill(IReadOnlyDictionary<INoiseMechanism, int> demand, ExactSampler random)
    {
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(random);
        foreach (var (mechanism, count) in demand)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count, nameof(demand));
            if (!_noise.TryGetValue(mechanism, out var queue)) _noise[mechanism] = queue = new Queue<BigInteger>(count);
            while (queue.Count < count) queue.Enqueue(mechanism.SampleNoise(random));
        }
    }

    /// <summary>Whether every mechanism holds at least its demanded number of values.</summary>
    public bool Covers(IReadOnlyDictionary<INoiseMechanism, int> demand)
    {
        ArgumentNullException.ThrowIfNull(demand);
        return demand.All(d => Remaining(d.Key) >= d.Value);
    }

    public int Remaining(INoiseMechanism mechanism) => _noise.TryGetValue(mechanism, out var queue) ? queue.Count : 0;

    public BigInteger Draw(INoiseMechanism mechanism)
    {
        ArgumentNullException.ThrowIfNull(mechanism);
        return _noise.TryGetValue(mechanism, out var queue) && queue.TryDequeue(out var noise)
            ? noise
            : throw new InvalidOperationException($"The noise drawn ahead for {mechanism.Description} ran out; a release never draws outside its padded phase.");
    }
}
