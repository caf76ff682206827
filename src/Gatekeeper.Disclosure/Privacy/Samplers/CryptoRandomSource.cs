using System.Security.Cryptography;

namespace Gatekeeper.Disclosure.Privacy.Samplers;

/// <summary>The operating system's CSPRNG (<see cref="RandomNumberGenerator"/>); thread-safe.</summary>
public sealed class CryptoRandomSource : IRandomSource
{
    private CryptoRandomSource()
    {
    }

    public static CryptoRandomSource Instance { get; } = new();

    public void Fill(Span<byte> destination) => RandomNumberGenerator.Fill(destination);
}
