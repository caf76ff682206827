namespace Gatekeeper.VisitingEnvironment.Sandbox;

/// <summary>Configuration of the visiting environment (section <c>VisitingEnvironment</c>).</summary>
public sealed class VisitingEnvironmentOptions
{
    public const string Section = "VisitingEnvironment";

    /// <summary>
    /// Where runs live: <c>&lt;RunsFolder&gt;/&lt;run id&gt;/in</c> (spec and persons file, removed after the run) and
    /// <c>/out</c> (the airlock quarantine: results, shadow statistics, run.json). Keep it outside the analysis folder.
    /// </summary>
    public string RunsFolder { get; set; } = "";

    /// <summary>Cache of each table version's distinct persons (computed once per version); default RunsFolder/.persons.</summary>
    public string? PersonsCacheFolder { get; set; }

    /// <summary>The worker's Gatekeeper.Enclave.dll; default: <c>enclave/</c> beside the host's assemblies, else the repository's build output.</summary>
    public string? WorkerAssembly { get; set; }

    /// <summary>The dotnet host that runs the worker; default: the one running this process.</summary>
    public string? DotnetHost { get; set; }

    public string BubblewrapPath { get; set; } = "/usr/bin/bwrap";

    public string PrlimitPath { get; set; } = "/usr/bin/prlimit";

    /// <summary>
    /// Development switch: when bubblewrap is missing or cannot create namespaces, run workers without the sandbox
    /// instead of refusing runs. Never in production; <see cref="SandboxStatus.IsUnsandboxed"/> tells the portal to warn.
    /// </summary>
    public bool AllowUnsandboxedRuns { get; set; }

    /// <summary>Size of the worker's private /tmp (tmpfs) in MB.</summary>
    public int TmpfsMb { get; set; } = 64;

    /// <summary>Address space above DuckDB's memory limit for the .NET runtime, code and allocator reservations (RLIMIT_AS).</summary>
    public int AddressSpaceHeadroomMb { get; set; } = 3072;

    /// <summary>The .NET garbage-collected heap limit of the worker in MB (results and shadow statistics in flight).</summary>
    public int WorkerHeapMb { get; set; } = 512;

    /// <summary>
    /// Sandboxed workers kept started ahead of runs (runtime loaded, DuckDB loaded, code compiled, no data): a run takes
    /// one, the host hard-links the permit's parts into its empty data folder and hands it the spec, so the run does
    /// not wait for a process to start. Each worker still serves one run only. 0 starts every worker for its run.
    /// Needs RunsFolder on the same file system as the analysis folder (hard links); otherwise runs start cold.
    /// </summary>
    public int WarmWorkers { get; set; } = 1;

    /// <summary>The largest DuckDB memory limit a warm worker accepts (its address-space ceiling); larger runs start cold.</summary>
    public int WarmWorkerMaxMemoryMb { get; set; } = 16384;

    /// <summary>The largest output a warm worker accepts (its file-size ceiling); larger runs start cold.</summary>
    public long WarmWorkerMaxOutputBytes { get; set; } = 1L << 30;

    /// <summary>Keep each run's input folder (spec and persons file) for debugging; off by default (it maps pseudonyms).</summary>
    public bool KeepRunInputs { get; set; }

    /// <summary>Problems with the settings, each naming the setting.</summary>
    public IReadOnlyList<string> Check()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(RunsFolder)) problems.Add($"{Section}:{nameof(RunsFolder)} must be set (the runs and airlock folder).");
        if (TmpfsMb < 8) problems.Add($"{Section}:{nameof(TmpfsMb)} must be at least 8.");
        if (AddressSpaceHeadroomMb < 512) problems.Add($"{Section}:{nameof(AddressSpaceHeadroomMb)} must be at least 512.");
        if (WorkerHeapMb < 64) problems.Add($"{Section}:{nameof(WorkerHeapMb)} must be at least 64.");
        if (WarmWorkers is < 0 or > 64) problems.Add($"{Section}:{nameof(WarmWorkers)} must be 0 to 64.");
        if (WarmWorkerMaxMemoryMb < 64) problems.Add($"{Section}:{nameof(WarmWorkerMaxMemoryMb)} must be at least 64.");
        if (WorkerAssembly is { } worker && !File.Exists(worker)) problems.Add($"{Section}:{nameof(WorkerAssembly)} '{worker}' does not exist.");
        return problems;
    }
}
