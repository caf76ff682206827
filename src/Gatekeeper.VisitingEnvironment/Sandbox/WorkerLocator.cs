namespace Gatekeeper.VisitingEnvironment.Sandbox;

/// <summary>
/// Finds the worker (Gatekeeper.Enclave.dll) and the dotnet host to run it with. The worker's folder is its "image":
/// the sandbox mounts that folder read-only and nothing else of the host's program files.
/// </summary>
public static class WorkerLocator
{
    public const string WorkerFileName = "Gatekeeper.Enclave.dll";

    /// <summary>Subfolder of a host's output that build/Gatekeeper.Enclave.Worker.targets copies the worker into.</summary>
    public const string ImageFolder = "enclave";

    /// <summary>
    /// The worker assembly: the configured one, else <c>&lt;base&gt;/enclave/Gatekeeper.Enclave.dll</c>, else (in a
    /// repository checkout) the newest <c>src/Gatekeeper.Enclave/bin/&lt;configuration&gt;/net10.0/</c> build.
    /// </summary>
    public static string? FindWorker(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return File.Exists(configured) ? Path.GetFullPath(configured) : null;
        var beside = Path.Combine(AppContext.BaseDirectory, ImageFolder, WorkerFileName);
        if (File.Exists(beside)) return beside;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var bin = Path.Combine(dir.FullName, "src", "Gatekeeper.Enclave", "bin");
            if (!File.Exists(Path.Combine(dir.FullName, "Gatekeeper.sln")) || !Directory.Exists(bin)) continue;
            return Directory.GetFiles(bin, WorkerFileName, SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}publish{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault();
        }

        return null;
    }

    /// <summary>The dotnet host executable (symbolic links resolved): configured, the one running this process, or a standard location.</summary>
    public static string? FindDotnet(string? configured)
    {
        var candidates = new List<string?> { configured };
        if (Environment.ProcessPath is { } self && Path.GetFileName(self) == "dotnet") candidates.Add(self);
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root) candidates.Add(Path.Combine(root, "dotnet"));
        candidates.AddRange(["/usr/share/dotnet/dotnet", "/usr/lib/dotnet/dotnet", "/usr/bin/dotnet", "/usr/local/bin/dotnet"]);
        foreach (var candidate in candidates)
        {
            if (string.IsNullOrWhiteSpace(candidate) || !File.Exists(candidate)) continue;
            var resolved = File.ResolveLinkTarget(candidate, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(candidate);
            if (File.Exists(resolved)) return resolved;
        }

        return null;
    }
}
