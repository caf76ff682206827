using System.Buffers.Binary;
using System.Security.Cryptography;
using Gatekeeper.Ingest.Storage;

namespace Gatekeeper.Ingest.Pseudonymisation;

/// <summary>
/// Raw holder files encrypted at rest with AES-256-GCM, streamed in 1 MiB chunks so files of any size fit in constant
/// memory. Each chunk has nonce = 8 random bytes of the file ‖ chunk number, and authenticates the header, its number
/// and whether it is the last one, so chunks cannot be reordered, dropped or the file truncated unnoticed.
/// </summary>
public sealed class RawFileVault
{
    private const int ChunkSize = 1 << 20;
    private const int TagSize = 16;
    private static readonly byte[] Magic = "GKRAW1\0\0"u8.ToArray();
    private readonly IKeyProvider _keys;
    private readonly DataLayout _layout;

    public RawFileVault(IKeyProvider keys, DataLayout layout)
    {
        _keys = keys;
        _layout = layout;
    }

    /// <summary>Encrypts <paramref name="sourcePath"/> into the vault as <c>&lt;sha256&gt;.gkraw</c> and returns that path.</summary>
    public async Task<string> EncryptAsync(string datasetId, string sourcePath, string sha256, CancellationToken cancellationToken = default)
    {
        var key = await _keys.GetKeyAsync(datasetId, KeyUse.RawFileEncryption, cancellationToken);
        var folder = _layout.RawVaultFolder(datasetId);
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, sha256 + ".gkraw");
        var temp = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await using (var input = new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await EncryptAsync(key, input, output, cancellationToken);
            }

            File.Move(temp, target, overwrite: true);
            return target;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public async Task DecryptAsync(string datasetId, string vaultPath, string destinationPath, CancellationToken cancellationToken = default)
    {
        var key = await _keys.GetKeyAsync(datasetId, KeyUse.RawFileEncryption, cancellationToken);
        await using var input = new FileStream(vaultPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await using var output = new FileStream(destinationPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await DecryptAsync(key, input, output, cancellationToken);
    }

    internal static async Task EncryptAsync(byte[] key, Stream input, Stream output, CancellationToken cancellationToken)
    {
        var header = new byte[Magic.Length + 8];
        Magic.CopyTo(header, 0);
        RandomNumberGenerator.Fill(header.AsSpan(Magic.Length));
        await output.WriteAsync(header, cancellationToken);

        using var aes = new AesGcm(key, TagSize);
        var plain = new byte[ChunkSize];
        var next = new byte[ChunkSize];
        var cipher = new byte[ChunkSize];
        var frame = new byte[4 + TagSize];
        var nonce = new byte[12];
        var aad = new byte[header.Length + 5];
        var length = await FillAsync(input, plain, cancellationToken);
        for (uint index = 0; ; index++)
        {
            // Read ahead one chunk to know whether this one is the last.
            var nextLength = length == ChunkSize ? await FillAsync(input, next, cancellationToken) : 0;
            var last = nextLength == 0;
            Describe(header, index, last, nonce, aad);
            aes.Encrypt(nonce, plain.AsSpan(0, length), cipher.AsSpan(0, length), frame.AsSpan(4, TagSize), aad);
            BinaryPrimitives.WriteInt32BigEndian(frame, length);
            await output.WriteAsync(frame, cancellationToken);
            await output.WriteAsync(cipher.AsMemory(0, length), cancellationToken);
            if (last) break;
            (plain, next) = (next, plain);
            length = nextLength;
        }
    }

    internal static async Task DecryptAsync(byte[] key, Stream input, Stream output, CancellationToken cancellationToken)
    {
        var header = new byte[Magic.Length + 8];
        if (await FillAsync(input, header, cancellationToken) != header.Length || !header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new CryptographicException("Not an encrypted raw file.");
        }

        using var aes = new AesGcm(key, TagSize);
        var frame = new byte[4 + TagSize];
        var cipher = new byte[ChunkSize];
        var plain = new byte[ChunkSize];
        var nonce = new byte[12];
        var aad = new byte[header.Length + 5];
        for (uint index = 0; ; index++)
        {
            if (await FillAsync(input, frame, cancellationToken) != frame.Length) throw new CryptographicException("Encrypted raw file is truncated.");
            var length = BinaryPrimitives.ReadInt32BigEndian(frame);
            if (length is < 0 or > ChunkSize || await FillAsync(input, cipher.AsMemory(0, length), cancellationToken) != length)
            {
                throw new CryptographicException("Encrypted raw file is truncated or damaged.");
            }

            // Try as an inner chunk first; a short chunk can only be the last one.
            var last = length < ChunkSize || input.Position == input.Length;
            Describe(header, index, last, nonce, aad);
            aes.Decrypt(nonce, cipher.AsSpan(0, length), frame.AsSpan(4, TagSize), plain.AsSpan(0, length), aad);
            await output.WriteAsync(plain.AsMemory(0, length), cancellationToken);
            if (last)
            {
                if (input.Position != input.Length) throw new CryptographicException("Data after the last chunk.");
                return;
            }
        }
    }

    private static void Describe(byte[] header, uint index, bool last, Span<byte> nonce, Span<byte> aad)
    {
        header.AsSpan(Magic.Length, 8).CopyTo(nonce);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[8..], index);
        header.CopyTo(aad);
        BinaryPrimitives.WriteUInt32BigEndian(aad[header.Length..], index);
        aad[^1] = last ? (byte)1 : (byte)0;
    }

    private static Task<int> FillAsync(Stream input, byte[] buffer, CancellationToken cancellationToken) =>
        FillAsync(input, buffer.AsMemory(), cancellationToken);

    private static async Task<int> FillAsync(Stream input, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await input.ReadAsync(buffer[total..], cancellationToken);
            if (n == 0) break;
            total += n;
        }

        return total;
    }
}
