using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Gatekeeper.Audit.Checkpoints;

/// <summary>Signs and verifies checkpoints with ECDSA P-256 / SHA-256.</summary>
public sealed class CheckpointSigner(ECDsa key)
{
    public string KeyId { get; } = KeyIdOf(key);

    public Checkpoint Sign(long sequence, string entryHash, DateTimeOffset at) =>
        new(sequence, entryHash, at, KeyId, Convert.ToBase64String(key.SignData(Payload(sequence, entryHash, at), HashAlgorithmName.SHA256)));

    /// <summary>The public key as SubjectPublicKeyInfo (DER, base64), for verifiers and exports.</summary>
    public string PublicKey => Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());

    public static bool Verify(Checkpoint checkpoint, ECDsa publicKey)
    {
        try
        {
            return publicKey.VerifyData(
                Payload(checkpoint.Sequence, checkpoint.EntryHash, checkpoint.At),
                Convert.FromBase64String(checkpoint.Signature),
                HashAlgorithmName.SHA256);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static ECDsa ImportPublicKey(string subjectPublicKeyInfoBase64)
    {
        var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(subjectPublicKeyInfoBase64), out _);
        return key;
    }

    /// <summary>First 16 hex digits of the SHA-256 of the public key.</summary>
    public static string KeyIdOf(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];

    private static byte[] Payload(long sequence, string entryHash, DateTimeOffset at) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"gatekeeper-audit-checkpoint-v1|{sequence}|{entryHash}|{at.UtcTicks}"));
}
