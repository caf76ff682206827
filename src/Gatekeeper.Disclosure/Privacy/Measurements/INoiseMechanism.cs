using System.Numerics;
using Gatekeeper.Disclosure.Privacy.Samplers;

namespace Gatekeeper.Disclosure.Privacy.Measurements;

/// <summary>An additive integer-noise mechanism (values in lattice units).</summary>
public interface INoiseMechanism : IPrivacyMechanism
{
    /// <summary>value + noise, the noise drawn independently of the value.</summary>
    BigInteger Release(BigInteger value, ExactSampler random) => value + SampleNoise(random);

    /// <summary>One draw of the noise alone: it never depends on a value, so it may be drawn ahead (<see cref="NoiseReservoir"/>).</summary>
    BigInteger SampleNoise(ExactSampler random);

    /// <summary>A half-width a with P(|noise| &gt; a) ≤ alpha (safe bound), e.g. alpha = 0.05 for 95 %.</summary>
    BigInteger HalfWidth(double alpha);

    /// <summary>A safe upper bound on P(noise ≥ k).</summary>
    double UpperTailBound(BigInteger k);
}
