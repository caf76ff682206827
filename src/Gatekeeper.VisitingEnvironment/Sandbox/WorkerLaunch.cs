namespace Gatekeeper.VisitingEnvironment.Sandbox;

/// <summary>What one worker start needs: host folders, the files to mount read-only, and the limits.</summary>
/// <param name="WorkerAssembly">Host path of Gatekeeper.Enclave.dll (its folder is mounted as the worker image).</param>
/// <param name="Dotnet">Host path of the dotnet executable.</param>
/// <param name="InputFolder">Host folder with spec.json and the persons file (read-only inside).</param>
/// <param name="OutputFolder">Host folder for results (the only writable mount).</param>
/// <param name="ReadOnlyFiles">Host file → sandbox path, e.g. each Parquet part of the permit's tables.</param>
/// <param name="SpecFile">The spec's path as the worker sees it; null starts a warm worker (<c>--wait</c>), which reads it from standard input.</param>
/// <param name="AddressSpaceBytes">RLIMIT_AS.</param>
/// <param name="CpuSeconds">RLIMIT_CPU soft limit (SIGXCPU); the hard limit is 5 s later (SIGKILL).</param>
/// <param name="FileSizeBytes">RLIMIT_FSIZE: no file written may grow beyond it.</param>
/// <param name="HeapBytes">The worker's .NET heap limit.</param>
/// <param name="TmpfsBytes">Size of the private /tmp.</param>
/// <param name="ReadOnlyFolders">Host folder → sandbox path, mounted read-only (a warm worker's data folder).</param>
public sealed record WorkerLaunch(
    string WorkerAssembly,
    string Dotnet,
    string InputFolder,
    string OutputFolder,
    IReadOnlyDictionary<string, string> ReadOnlyFiles,
    string? SpecFile,
    long AddressSpaceBytes,
    int CpuSeconds,
    long FileSizeBytes,
    long HeapBytes,
    long TmpfsBytes,
    IReadOnlyDictionary<string, string>? ReadOnlyFolders = null);
