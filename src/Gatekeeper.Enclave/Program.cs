using System.Diagnostics;
using System.Text.Json;
using Gatekeeper.Enclave;
using Gatekeeper.VisitingEnvironment.Worker;

// The visiting environment's worker: `Gatekeeper.Enclave <spec.json>`. Started by the host's sandbox launcher with
// the spec in a read-only input folder and one writable output folder; writes results, shadow statistics and
// run.json there, and exits with WorkerExitCodes.
if (args.Length != 1 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: Gatekeeper.Enclave <spec.json>");
    return WorkerExitCodes.BadInvocation;
}

WorkerSpec spec;
try
{
    await using var stream = File.OpenRead(args[0]);
    spec = await JsonSerializer.DeserializeAsync<WorkerSpec>(stream, WorkerJson.Options)
        ?? throw new JsonException("empty spec");
}
catch (JsonException e)
{
    Console.Error.WriteLine("The run spec could not be read: " + e.Message);
    return WorkerExitCodes.BadInvocation;
}

try
{
    var started = new DateTimeOffset(Process.GetCurrentProcess().StartTime.ToUniversalTime(), TimeSpan.Zero);
    var manifest = new EnclaveEngine().Run(spec, started);
    return manifest.Status switch
    {
        WorkerStatus.Succeeded => WorkerExitCodes.Succeeded,
        WorkerStatus.Refused => WorkerExitCodes.Refused,
        _ => WorkerExitCodes.QueryFailed,
    };
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
    return WorkerExitCodes.InternalError;
}
