using System.Text.Json;
using System.Text.Json.Serialization;
using Gatekeeper.VisitingEnvironment.Shadow;

namespace Gatekeeper.VisitingEnvironment.Worker;

/// <summary>
/// Compile-time JSON contracts of the files exchanged with the worker: no reflection at run time, which is most of
/// what a fresh worker process would otherwise spend compiling before its first query.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(WorkerSpec))]
[JsonSerializable(typeof(WorkerManifest))]
[JsonSerializable(typeof(ShadowTable))]
internal sealed partial class WorkerJsonContext : JsonSerializerContext;
