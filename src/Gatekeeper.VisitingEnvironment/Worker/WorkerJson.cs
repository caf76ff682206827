using System.Text.Json;

namespace Gatekeeper.VisitingEnvironment.Worker;

/// <summary>JSON options of the files exchanged with the worker (spec, manifest, shadow statistics); source-generated contracts.</summary>
public static class WorkerJson
{
    public static JsonSerializerOptions Options => WorkerJsonContext.Default.Options;
}
