using Gatekeeper.Policies.Purposes;

namespace Gatekeeper.Ingest.Tests;

/// <summary>Files of the repository the tests read: the real policies, so tests prove the shipped configuration.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Policies => Path.Combine(Root, "policies");

    public static string CoarseningPolicy => Path.Combine(Policies, "ingest", "coarsening.yaml");

    public static IReadOnlySet<string> PurposeCodes { get; } =
        PurposePolicyLoader.Load(Path.Combine(Policies, PurposePolicyLoader.FileName)).Purposes.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gatekeeper.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("Gatekeeper.sln not found above " + AppContext.BaseDirectory);
    }
}
