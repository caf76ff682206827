namespace Gatekeeper.Policies.Tests;

/// <summary>Policy files written to a temporary folder for one test, removed afterwards.</summary>
public sealed class PolicyFiles : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gatekeeper-policy-tests", Guid.NewGuid().ToString("N"));

    public PolicyFiles() => Directory.CreateDirectory(_folder);

    /// <summary>The shipped purpose policy.</summary>
    public static string Shipped => Path.Combine(Testing.RepositoryPaths.Policies, "purposes.yaml");

    public string Write(string yaml, string name = "purposes.yaml")
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    public string WriteBytes(byte[] bytes, string name = "purposes.yaml")
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
