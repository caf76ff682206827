using System.Numerics;

namespace Gatekeeper.Disclosure.Privacy.Measurements;

/// <summary>
/// Where a release's noise comes from: drawn when asked (<see cref="Samplers.ExactSampler"/>) or drawn ahead, before
/// the data are read (<see cref="NoiseReservoir"/>). Additive noise never depends on the value it is added to, so
/// both give the same distribution.
/// </summary>
public interface INoiseSource
{
    /// <summary>One fresh noise value of the mechanism, never handed out before.</summary>
    BigInteger Draw(INoiseMechanism mechanism);
}
