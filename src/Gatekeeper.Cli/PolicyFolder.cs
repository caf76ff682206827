using Gatekeeper.Ingest.Pseudonymisation;
using Gatekeeper.Policies.Purposes;

namespace Gatekeeper.Cli;

/// <summary>Finds the policies folder: --policies, else the nearest <c>policies/</c> above the working directory, else the copy beside the tool.</summary>
internal static class PolicyFolder
{
    public static string? Locate(string? given)
    {
        if (!string.IsNullOrWhiteSpace(given)) return Directory.Exists(given) ? Path.GetFullPath(given) : null;
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "policies");
            if (File.Exists(Path.Combine(candidate, PurposePolicyLoader.FileName))) return candidate;
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "policies");
        return File.Exists(Path.Combine(beside, PurposePolicyLoader.FileName)) ? beside : null;
    }

    public static (CoarseningPolicy Coarsening, IReadOnlySet<string> Purposes) Load(string folder)
    {
        var purposes = PurposePolicyLoader.Load(Path.Combine(folder, PurposePolicyLoader.FileName));
        var coarsening = CoarseningPolicyLoader.Load(Path.Combine(folder, CoarseningPolicyLoader.RelativePath));
        return (coarsening, purposes.Purposes.Select(p => p.Code).ToHashSet(StringComparer.Ordinal));
    }
}
