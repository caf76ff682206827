using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Gatekeeper.Identity.Keys;

/// <summary>
/// The provider's token signing (RSA 2048) and encryption (AES-256) keys, generated on first run into
/// the data folder with owner-only permissions and reused afterwards; never in the repository.
/// </summary>
public sealed class ProviderKeys
{
    private ProviderKeys(RsaSecurityKey signing, SymmetricSecurityKey encryption)
    {
        Signing = signing;
        Encryption = encryption;
    }

    public RsaSecurityKey Signing { get; }

    public SymmetricSecurityKey Encryption { get; }

    public static ProviderKeys LoadOrCreate(string folder)
    {
        Directory.CreateDirectory(folder);
        var rsa = RSA.Create();
        var signingPath = Path.Combine(folder, "oidc-signing.pem");
        if (File.Exists(signingPath)) rsa.ImportFromPem(File.ReadAllText(signingPath));
        else
        {
            rsa.KeySize = 2048;
            WritePrivate(signingPath, rsa.ExportPkcs8PrivateKeyPem());
        }

        var encryptionPath = Path.Combine(folder, "oidc-encryption.key");
        if (!File.Exists(encryptionPath)) WritePrivate(encryptionPath, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var aes = Convert.FromBase64String(File.ReadAllText(encryptionPath).Trim());

        var keyId = Convert.ToHexStringLower(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16];
        return new ProviderKeys(new RsaSecurityKey(rsa) { KeyId = keyId }, new SymmetricSecurityKey(aes));
    }

    private static void WritePrivate(string path, string content)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, content);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, path, overwrite: false);
    }
}
