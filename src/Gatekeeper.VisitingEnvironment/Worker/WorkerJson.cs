using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gatekeeper.VisitingEnvironment.Worker;

/// <summary>JSON options of the files exchanged with the worker (spec, manifest, shadow statistics).</summary>
public static class WorkerJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
