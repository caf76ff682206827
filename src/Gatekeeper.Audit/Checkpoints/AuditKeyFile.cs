using System.Security.Cryptography;

namespace Gatekeeper.Audit.Checkpoints;

/// <summary>
/// The gatekeeper's checkpoint signing key: generated on first use into a file readable only by
/// the owner (PKCS#8 PEM), never committed. A KMS/HSM can replace it behind <see cref="CheckpointSigner"/>.
/// </summary>
public static class AuditKeyFile
{
    public static ECDsa LoadOrCreate(string path)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        if (File.Exists(path))
        {
            key.ImportFromPem(File.ReadAllText(path));
            return key;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, path, overwrite: false);
        return key;
    }
}
