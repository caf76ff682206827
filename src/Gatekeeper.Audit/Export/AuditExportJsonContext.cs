using System.Text.Json;
using System.Text.Json.Serialization;
using Gatekeeper.Audit.Archive;

namespace Gatekeeper.Audit.Export;

/// <summary>Source-generated (reflection-free, fast) JSON for export lines; camelCase, enums as names, nulls left out.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(AuditExportLine))]
[JsonSerializable(typeof(AuditArchiveManifest))]
internal sealed partial class AuditExportJsonContext : JsonSerializerContext;
