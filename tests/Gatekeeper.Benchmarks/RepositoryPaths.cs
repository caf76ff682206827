namespace Gatekeeper.Benchmarks;

/// <summary>Finds the repository (for the shipped policy files) from wherever the benchmark runs.</summary>
public static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            {
                var dir = new DirectoryInfo(start);
                while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gatekeeper.sln"))) dir = dir.Parent;
                if (dir is not null) return dir.FullName;
            }

            throw new InvalidOperationException("Run the benchmarks from inside the repository.");
        }
    }

    public static string DefaultPolicy => Path.Combine(Root, "policies", "disclosure", "default.yaml");
}
