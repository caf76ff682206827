using System.Security.Cryptography;

namespace Gatekeeper.Audit.Checkpoints;

/// <summary>
/// The gatekeeper's checkpoint signing key: generated on first use into a file readable only by
/// the owner (PKCS#8 PEM), never committed, with its public half beside it (<c>*.pub.pem</c>) for
/// verifiers. A KMS/HSM can replace it behind <see cref="CheckpointSigner"/>.
/// </summary>
public static class AuditKeyFile
{
    public static ECDsa LoadOrCreate(string path)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        if (File.Exists(path))
        {
            key.ImportFromPem(File.ReadAllText(path));
            WritePublicKeyIfMissing(path, key);
            return key;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temp, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created the key first: use theirs.
            File.Delete(temp);
            key.Dispose();
            return LoadOrCreate(path);
        }

        WritePublicKeyIfMissing(path, key);
        return key;
    }

    /// <summary>Where the public half of the key at <paramref name="privateKeyPath"/> is kept.</summary>
    public static string PublicKeyPath(string privateKeyPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(privateKeyPath))!, Path.GetFileNameWithoutExtension(privateKeyPath) + ".pub.pem");

    /// <summary>
    /// The public key for verifying: the <c>.pub.pem</c> beside the key file, else the public half of the private
    /// key file; null when neither exists (never creates a key).
    /// </summary>
    public static ECDsa? LoadPublicKey(string privateKeyPath)
    {
        var publicPath = PublicKeyPath(privateKeyPath);
        var source = File.Exists(publicPath) ? publicPath : File.Exists(privateKeyPath) ? privateKeyPath : null;
        if (source is null) return null;
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(source));
        return key;
    }

    private static void WritePublicKeyIfMissing(string privateKeyPath, ECDsa key)
    {
        var publicPath = PublicKeyPath(privateKeyPath);
        if (File.Exists(publicPath)) return;
        var temp = publicPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temp, key.ExportSubjectPublicKeyInfoPem());
        try
        {
            File.Move(temp, publicPath, overwrite: false);
        }
        catch (IOException) when (File.Exists(publicPath))
        {
            File.Delete(temp);
        }
    }
}
