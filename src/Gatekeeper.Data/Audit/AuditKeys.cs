using Gatekeeper.Audit.Checkpoints;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Data.Audit;

/// <summary>
/// The public keys verifiers trust, from the data folder, without ever creating a key: the public half of the
/// configured signing key (<c>keys/audit-signing.pub.pem</c>, else the key file itself) and every retired
/// public key kept beside it as <c>audit-*.pub.pem</c> (after a key rotation).
/// </summary>
public sealed class AuditKeys(IOptions<AuditOptions> options, DataFolder dataFolder)
{
    public string KeyFilePath => Path.GetFullPath(options.Value.KeyFile, dataFolder.Path);

    /// <summary>Whether the signing key exists (commands that append refuse to run without it, rather than create a new key).</summary>
    public bool SigningKeyExists => File.Exists(KeyFilePath);

    /// <summary>Loads the trusted keys; the caller disposes them.</summary>
    public TrustedKeys LoadTrusted()
    {
        var keys = new TrustedKeys();
        if (AuditKeyFile.LoadPublicKey(KeyFilePath) is { } current) keys.Add(current);
        var folder = Path.GetDirectoryName(KeyFilePath)!;
        if (System.IO.Directory.Exists(folder))
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(folder, "audit-*.pub.pem").Order(StringComparer.Ordinal))
                keys.AddPemFile(file);
        }

        return keys;
    }

    /// <summary>The trusted public keys as key id → SubjectPublicKeyInfo (base64), for export headers.</summary>
    public IReadOnlyDictionary<string, string> PublicKeysForExport()
    {
        using var keys = LoadTrusted();
        return keys.KeyIds.ToDictionary(id => id, id => Convert.ToBase64String(keys.Get(id)!.ExportSubjectPublicKeyInfo()), StringComparer.Ordinal);
    }
}
