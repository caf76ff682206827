namespace Gatekeeper.Disclosure.Privacy.Samplers;

/// <summary>
/// Where the samplers' fair bits come from. Production uses <see cref="CryptoRandomSource"/>; a
/// seedable source exists only in the test project, so a release can never run on predictable noise.
/// </summary>
public interface IRandomSource
{
    /// <summary>Fills the destination with independent, uniformly distributed bytes.</summary>
    void Fill(Span<byte> destination);
}
