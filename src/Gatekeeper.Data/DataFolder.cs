namespace Gatekeeper.Data;

/// <summary>The folder holding the embedded database, attachments, keys and other local state; created on first use.</summary>
public sealed record DataFolder
{
    public DataFolder(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        System.IO.Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);
}
