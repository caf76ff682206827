using System.Diagnostics;

namespace Gatekeeper.VisitingEnvironment.Sandbox;

/// <summary>
/// A sandboxed worker started ahead of its run, waiting on standard input for the spec's path. Its slot folder holds
/// the folders mounted into it: <c>in</c> (read-only), <c>out</c> (writable) and <c>data</c> (read-only, empty until
/// the run's parts are hard-linked in).
/// </summary>
public sealed class WarmWorker : IDisposable
{
    internal WarmWorker(Process process, string slot, WorkerOutput stdout, Task<string> stderr)
    {
        Process = process;
        Slot = slot;
        Stdout = stdout;
        Stderr = stderr;
    }

    /// <summary>Completes when the worker has warmed up or ended.</summary>
    public Task Ready => Stdout.Ready;

    public Process Process { get; }

    public string Slot { get; }

    public string Input => Path.Combine(Slot, "in");

    public string Output => Path.Combine(Slot, "out");

    public string Data => Path.Combine(Slot, "data");

    internal WorkerOutput Stdout { get; }

    internal Task<string> Stderr { get; }

    /// <summary>Hands the worker its run: the spec's path as the worker sees it.</summary>
    public async Task StartRunAsync(string specPath, CancellationToken cancellationToken)
    {
        await Process.StandardInput.WriteLineAsync(specPath.AsMemory(), cancellationToken);
        await Process.StandardInput.FlushAsync(cancellationToken);
        Process.StandardInput.Close();
    }

    public void Dispose()
    {
        try
        {
            if (!Process.HasExited)
            {
                Process.StandardInput.Close();
                if (!Process.WaitForExit(TimeSpan.FromSeconds(2))) Process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (IOException)
        {
            // Its input was closed already.
        }

        Process.Dispose();
        try
        {
            if (Directory.Exists(Slot)) Directory.Delete(Slot, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the next clean-up removes it.
        }
    }
}
