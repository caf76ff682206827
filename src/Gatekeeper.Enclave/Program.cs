using System.Diagnostics;
using System.Text.Json;
using Gatekeeper.Enclave;
using Gatekeeper.VisitingEnvironment.Worker;

// The visiting environment's worker, started by the host's sandbox launcher with one writable output folder:
//   Gatekeeper.Enclave <spec.json>   run the spec now (the kernel limits were set from outside);
//   Gatekeeper.Enclave --wait        warm up, then read the spec's path from standard input and run it, after
//                                    lowering its own kernel limits to the run's (a worker started ahead of time).
// Writes results, shadow statistics and run.json to the spec's output folder; exits with WorkerExitCodes.
DateTimeOffset? started = null;
string specPath;
if (args is ["--wait"])
{
    try
    {
        WarmUp.Run();
    }
#pragma warning disable CA1031 // A failed warm-up only means a slower run; the run itself reports its own failures.
    catch (Exception e)
#pragma warning restore CA1031
    {
        Console.Error.WriteLine("warm-up failed: " + e.GetType().Name);
    }

    Console.Out.WriteLine(WorkerExitCodes.ReadyMarker);
    Console.Out.Flush();
    var line = Console.In.ReadLine();
    if (string.IsNullOrWhiteSpace(line)) return WorkerExitCodes.Succeeded;
    specPath = line.Trim();
    started = DateTimeOffset.UtcNow; // "start" is then the time from receiving the run to the engine.
}
else if (args.Length == 1)
{
    specPath = args[0];
    started = new DateTimeOffset(Process.GetCurrentProcess().StartTime.ToUniversalTime(), TimeSpan.Zero);
}
else
{
    Console.Error.WriteLine("usage: Gatekeeper.Enclave <spec.json> | --wait");
    return WorkerExitCodes.BadInvocation;
}

WorkerSpec spec;
try
{
    await using var stream = File.OpenRead(specPath);
    spec = await JsonSerializer.DeserializeAsync<WorkerSpec>(stream, WorkerJson.Options)
        ?? throw new JsonException("empty spec");
}
catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine("The run spec could not be read: " + e.Message);
    return WorkerExitCodes.BadInvocation;
}

try
{
    KernelLimits.Apply(spec.Limits);
    var manifest = new EnclaveEngine().Run(spec, started);
    return Done(manifest.Status switch
    {
        WorkerStatus.Succeeded => WorkerExitCodes.Succeeded,
        WorkerStatus.Refused => WorkerExitCodes.Refused,
        _ => WorkerExitCodes.QueryFailed,
    });
}
#pragma warning disable CA1031 // The worker's last line of defence: report any failure in the manifest, without data values.
catch (Exception e)
#pragma warning restore CA1031
{
    var message = ErrorSanitiser.Sanitise($"{e.GetType().Name}: {e.Message}", spec.Query);
    EnclaveEngine.Write(spec.OutputFolder, new WorkerManifest
    {
        RunId = spec.RunId,
        Status = WorkerStatus.Failed,
        Message = "The visiting environment failed internally: " + message,
    });
    Console.Error.WriteLine(message);
    return Done(WorkerExitCodes.InternalError);
}

// Everything is written (run.json last): tell the host, which need not wait for the process to wind down.
static int Done(int code)
{
    Console.Out.WriteLine($"{WorkerExitCodes.DoneMarker} {code}");
    Console.Out.Flush();
    return code;
}
