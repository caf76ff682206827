using System.Security.Cryptography;

namespace Gatekeeper.Data;

/// <summary>
/// SHA-256 of the files the gatekeeper records (airlock results, verdicts, release packages), and reading a file only
/// when it still matches the hash recorded for it: a file changed after it was recorded is refused, never used.
/// </summary>
public static class FileHashes
{
    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The file's bytes, or <see cref="InvalidDataException"/> naming <paramref name="name"/> when they do not match <paramref name="sha256"/>.</summary>
    public static async Task<byte[]> ReadVerifiedAsync(string path, string sha256, string name, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        if (!string.Equals(Sha256(bytes), sha256, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"{name} does not match the SHA-256 recorded for it; it was changed after it was recorded and is not used.");
        return bytes;
    }

    /// <summary>Checks a (possibly large) file against its recorded hash without keeping it in memory.</summary>
    public static async Task VerifyAsync(string path, string sha256, string name, CancellationToken cancellationToken)
    {
        if (!string.Equals(await Sha256Async(path, cancellationToken), sha256, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"{name} does not match the SHA-256 recorded for it; it was changed after it was recorded and is not used.");
    }
}
