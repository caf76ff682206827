namespace Gatekeeper.Testing;

/// <summary>Locates folders of the repository from a test's output directory.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Policies => Path.Combine(Root, "policies");

    public static string Workflows => Path.Combine(Root, "workflows");

    /// <summary>Where tests drop artifacts a person may want to look at (screenshots, reports).</summary>
    public static string Artifacts
    {
        get
        {
            var path = Path.Combine(Root, "artifacts", "test-results");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gatekeeper.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("Could not find Gatekeeper.sln above " + AppContext.BaseDirectory);
    }
}
