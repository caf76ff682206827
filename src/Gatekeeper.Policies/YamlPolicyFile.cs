using System.Security.Cryptography;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Gatekeeper.Policies;

/// <summary>Reads a versioned YAML policy file: its content (snake_case keys) and the SHA-256 of its bytes, which identifies the version applied.</summary>
public static class YamlPolicyFile
{
    public static (T Content, string Sha256) Read<T>(string path, string kind) where T : class
    {
        if (!File.Exists(path)) throw new PolicyLoadException($"{kind} not found: {path}");
        var bytes = File.ReadAllBytes(path);
        try
        {
            var content = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build()
                              .Deserialize<T>(System.Text.Encoding.UTF8.GetString(bytes))
                          ?? throw new PolicyLoadException($"{path}: the file is empty.");
            return (content, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
        catch (YamlException ex)
        {
            // YamlDotNet wraps the useful reason (unknown key, bad value) in the inner exception.
            throw new PolicyLoadException($"{path}:{ex.Start.Line}: {ex.InnerException?.Message ?? ex.Message}", ex);
        }
    }
}
