using System.Security.Cryptography;

namespace Gatekeeper.Audit.Checkpoints;

/// <summary>The public keys a verifier accepts checkpoints from, by key id.</summary>
public sealed class TrustedKeys : IDisposable
{
    private readonly Dictionary<string, ECDsa> _keys = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    public int Count => _keys.Count;

    /// <summary>Takes ownership of <paramref name="key"/>; returns its key id.</summary>
    public string Add(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var id = CheckpointSigner.KeyIdOf(key);
        if (!_keys.TryAdd(id, key)) key.Dispose();
        return id;
    }

    /// <summary>Adds a public key given as SubjectPublicKeyInfo (DER, base64) when its id matches <paramref name="expectedKeyId"/>; false otherwise.</summary>
    public bool TryAdd(string expectedKeyId, string subjectPublicKeyInfoBase64)
    {
        ECDsa key;
        try
        {
            key = CheckpointSigner.ImportPublicKey(subjectPublicKeyInfoBase64);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return false;
        }

        if (CheckpointSigner.KeyIdOf(key) != expectedKeyId)
        {
            key.Dispose();
            return false;
        }

        Add(key);
        return true;
    }

    /// <summary>Adds a PEM public (or private, whose public half is used) key file; returns its key id.</summary>
    public string AddPemFile(string path)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
        }
        catch
        {
            key.Dispose();
            throw;
        }

        return Add(key);
    }

    public ECDsa? Get(string keyId) => _keys.GetValueOrDefault(keyId);

    public void Dispose()
    {
        foreach (var key in _keys.Values) key.Dispose();
        _keys.Clear();
    }
}
