using System.Collections.Concurrent;
using System.Diagnostics;

namespace Gatekeeper.VisitingEnvironment.Sandbox;

/// <summary>
/// Starts worker processes from one dedicated thread that lives as long as the host. bubblewrap's
/// <c>--die-with-parent</c> uses PR_SET_PDEATHSIG, which fires when the <em>thread</em> that forked the sandbox ends,
/// not the process: started from a thread-pool thread, a sandbox would be killed whenever the pool retires that
/// thread (seen as exit 137 of a waiting warm worker).
/// </summary>
public static class ProcessLauncher
{
    private static readonly BlockingCollection<(ProcessStartInfo Info, TaskCompletionSource<Process> Started)> Requests = [];

    private static readonly Lazy<Thread> Launcher = new(() =>
    {
        var thread = new Thread(Loop) { IsBackground = true, Name = "Gatekeeper sandbox launcher" };
        thread.Start();
        return thread;
    });

    /// <summary>Starts the process on the launcher thread and returns it started.</summary>
    public static Task<Process> StartAsync(ProcessStartInfo info)
    {
        _ = Launcher.Value;
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((info, started));
        return started.Task;
    }

    /// <summary>Synchronous <see cref="StartAsync"/> for callers that are not asynchronous.</summary>
    public static Process Start(ProcessStartInfo info) => StartAsync(info).GetAwaiter().GetResult();

    private static void Loop()
    {
        foreach (var (info, started) in Requests.GetConsumingEnumerable())
        {
            try
            {
                var process = new Process { StartInfo = info };
                process.Start();
                started.SetResult(process);
            }
#pragma warning disable CA1031 // Any failure to start belongs to the caller waiting for this process.
            catch (Exception e)
#pragma warning restore CA1031
            {
                started.SetException(e);
            }
        }
    }
}
