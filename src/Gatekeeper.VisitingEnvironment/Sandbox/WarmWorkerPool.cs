using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace Gatekeeper.VisitingEnvironment.Sandbox;

/// <summary>
/// Keeps <see cref="VisitingEnvironmentOptions.WarmWorkers"/> sandboxed workers started and warmed up ahead of runs.
/// They are started with ceilings (address space, file size) that each lowers to its run's limits when the run
/// arrives; the CPU limit counts from then. A worker serves one run; its replacement is started when the run is over
/// (<see cref="Fill"/>, called by the executor), so that the replacement's start-up and warm-up (a process, the DuckDB
/// library, compiling the engine) do not compete with the run for the cores. An empty pool refills at once.
/// </summary>
public sealed class WarmWorkerPool : IDisposable
{
    private readonly VisitingEnvironmentOptions _options;
    private readonly string _worker;
    private readonly string _dotnet;
    private readonly ConcurrentQueue<WarmWorker> _ready = new();
    private readonly Lock _gate = new();
    private bool _disposed;

    public WarmWorkerPool(VisitingEnvironmentOptions options, string worker, string dotnet)
    {
        _options = options;
        _worker = worker;
        _dotnet = dotnet;
        SlotsFolder = Path.Combine(Path.GetFullPath(options.RunsFolder), ".slots");
        RemoveAbandonedSlots();
    }

    /// <summary>Slots left by a host that died (its workers died with it) are removed once they are a day old.</summary>
    private void RemoveAbandonedSlots()
    {
        if (!Directory.Exists(SlotsFolder)) return;
        var cutoff = DateTime.UtcNow.AddDays(-1);
        foreach (var slot in Directory.GetDirectories(SlotsFolder).Where(d => Directory.GetLastWriteTimeUtc(d) < cutoff))
        {
            try
            {
                Directory.Delete(slot, recursive: true);
            }
            catch (IOException)
            {
                // In use after all, or being removed by someone else: the next start tries again.
            }
        }
    }

    public string SlotsFolder { get; }

    /// <summary>Why the last discarded worker was unusable (for the run's log), or null.</summary>
    public string? LastFailure { get; private set; }

    public long AddressSpaceCeiling => ((long)_options.WarmWorkerMaxMemoryMb + _options.AddressSpaceHeadroomMb + _options.WorkerHeapMb) * 1024 * 1024;

    public long FileSizeCeiling => _options.WarmWorkerMaxOutputBytes + (4L * 1024 * 1024);

    /// <summary>Starts workers until <see cref="VisitingEnvironmentOptions.WarmWorkers"/> are waiting.</summary>
    public void Fill()
    {
        lock (_gate)
        {
            if (_disposed) return;
            while (_ready.Count < _options.WarmWorkers) _ready.Enqueue(Start());
        }
    }

    /// <summary>Completes when every waiting worker has warmed up.</summary>
    public Task WhenReadyAsync() => Task.WhenAll(_ready.ToArray().Select(w => w.Ready));

    /// <summary>A waiting worker that can take a run needing these ceilings, or null (the run then starts its own).</summary>
    public WarmWorker? TryTake(long addressSpace, long fileSize)
    {
        if (addressSpace > AddressSpaceCeiling || fileSize > FileSizeCeiling) return null;
        WarmWorker? taken = null;
        while (_ready.TryDequeue(out var candidate))
        {
            if (!candidate.Process.HasExited)
            {
                taken = candidate;
                break;
            }

            var stderr = candidate.Stderr.IsCompleted ? candidate.Stderr.Result.Trim() : "";
            LastFailure = $"a warm worker had exited (code {candidate.Process.ExitCode}){(stderr.Length > 0 ? ": " + stderr : "")}";
            candidate.Dispose();
        }

        if (taken is null) Fill();
        return taken;
    }

    private WarmWorker Start()
    {
        var slot = Path.Combine(SlotsFolder, Guid.NewGuid().ToString("N"));
        foreach (var folder in new[] { "in", "out", "data" }) Directory.CreateDirectory(Path.Combine(slot, folder));
        var launch = new WorkerLaunch(
            _worker,
            _dotnet,
            Path.Combine(slot, "in"),
            Path.Combine(slot, "out"),
            new Dictionary<string, string>(),
            SpecFile: null,
            AddressSpaceBytes: AddressSpaceCeiling,
            CpuSeconds: 24 * 3600,
            FileSizeBytes: FileSizeCeiling,
            HeapBytes: (long)_options.WorkerHeapMb * 1024 * 1024,
            TmpfsBytes: (long)_options.TmpfsMb * 1024 * 1024,
            ReadOnlyFolders: new Dictionary<string, string> { [Path.Combine(slot, "data")] = SandboxLayout.Data });
        var process = ProcessLauncher.Start(SandboxCommand.Sandboxed(launch, _options));
        return new WarmWorker(process, slot, new WorkerOutput(process.StandardOutput), Tail(process.StandardError));
    }

    /// <summary>The last 16 K characters of a stream (the worker writes little).</summary>
    internal static async Task<string> Tail(StreamReader reader)
    {
        var buffer = new char[4096];
        var tail = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            tail.Append(buffer, 0, read);
            if (tail.Length > 16 * 1024) tail.Remove(0, tail.Length - (16 * 1024));
        }

        return tail.ToString();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            while (_ready.TryDequeue(out var worker)) worker.Dispose();
        }
    }
}
